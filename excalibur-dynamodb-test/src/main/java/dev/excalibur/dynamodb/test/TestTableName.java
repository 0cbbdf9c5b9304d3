package dev.excalibur.dynamodb.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} parameter that {@link EmbeddedDynamoDbExtension} fills with a table name of the
 * current test's own: the same name in its {@code @BeforeEach}, the test and its {@code @AfterEach},
 * a different one in every other test. The extension deletes the table after the test if it exists.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface TestTableName {}
