package dev.excalibur.dynamodb.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test of an application's DynamoDB code: a Spring test context with the starter's auto-configurations
 * only (Boot's Jackson, the document codec, the provider, the stores and CDC as the properties enable them)
 * on an embedded engine started for the context, served over HTTP on a loopback port and wired through a
 * {@link dev.excalibur.dynamodb.spring.DynamoDbConnectionDetails} bean (unless the test defines one).
 * Nothing else is auto-configured, and the application's {@code @Component}, {@code @Service} and other
 * scanned beans are left out unless {@link #includeFilters()} names them, as in Spring Boot's other test
 * slices; {@code @Import} brings what a test needs. Tables are created on first use
 * ({@code excalibur.dynamodb.create-tables-if-missing=true}, which {@link #properties()} may turn off).
 * Needs {@code spring-boot-test-autoconfigure} (Spring Boot's test starter) and
 * {@code dev.excalibur:excalibur-dynamodb-test} on the test class path.
 *
 * <pre>{@code
 * @DynamoDbTest(properties = "excalibur.dynamodb.table-name=Orders")
 * class OrderRepositoryTest {
 *     @Autowired DynamoDbPersistenceProvider provider;
 *     ...
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(DynamoDbTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@DynamoDbTypeExcludeFilter.Applied
@ImportAutoConfiguration
public @interface DynamoDbTest {

    /** Properties ({@code key=value}) added to the environment before the test context starts. */
    String[] properties() default {};

    /** Whether the default filters apply: they leave out every scanned bean that {@link #includeFilters()} does not name. */
    boolean useDefaultFilters() default true;

    /** Scanned beans to add to the context. */
    Filter[] includeFilters() default {};

    /** Scanned beans to leave out of the context. */
    Filter[] excludeFilters() default {};

    /** Auto-configurations of this slice to leave out. */
    @AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
    Class<?>[] excludeAutoConfiguration() default {};
}
