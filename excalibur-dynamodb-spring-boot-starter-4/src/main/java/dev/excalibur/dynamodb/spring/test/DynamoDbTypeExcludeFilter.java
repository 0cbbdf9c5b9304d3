package dev.excalibur.dynamodb.spring.test;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;

/**
 * Leaves the application's scanned beans out of a {@link DynamoDbTest} context, except those its
 * {@code includeFilters} name (Spring Boot's slice filter, whose package this Boot line names).
 */
final class DynamoDbTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<DynamoDbTest> {

    DynamoDbTypeExcludeFilter(Class<?> testClass) {
        super(testClass);
    }

    /** Puts this filter on {@link DynamoDbTest}. */
    @Retention(RetentionPolicy.RUNTIME)
    @TypeExcludeFilters(DynamoDbTypeExcludeFilter.class)
    @interface Applied {}
}
