package dev.excalibur.dynamodb.spring;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.PropertyNamingStrategies;

/** {@link ContextJacksonCodecTests} on Boot 4's {@code JsonMapper} (Jackson 3). */
class ContextJacksonCodecTest extends ContextJacksonCodecTests {

    @Override
    ApplicationContextRunner withSnakeCaseJackson(ApplicationContextRunner runner) {
        return runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withBean(
                        JsonMapperBuilderCustomizer.class,
                        () -> builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
