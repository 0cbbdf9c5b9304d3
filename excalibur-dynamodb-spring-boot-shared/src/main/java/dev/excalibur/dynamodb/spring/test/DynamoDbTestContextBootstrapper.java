package dev.excalibur.dynamodb.spring.test;

import java.util.stream.Stream;
import org.springframework.boot.test.context.SpringBootTestContextBootstrapper;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/** {@link DynamoDbTest#properties()}, after the slice's own default (tables created on first use). */
final class DynamoDbTestContextBootstrapper extends SpringBootTestContextBootstrapper {

    @Override
    protected String[] getProperties(Class<?> testClass) {
        String[] properties = MergedAnnotations.from(testClass, SearchStrategy.INHERITED_ANNOTATIONS)
                .get(DynamoDbTest.class)
                .getValue("properties", String[].class)
                .orElse(new String[0]);
        return Stream.concat(Stream.of("excalibur.dynamodb.create-tables-if-missing=true"), Stream.of(properties))
                .toArray(String[]::new);
    }
}
