package dev.excalibur.dynamodb.spring;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@link ContextJacksonCodecTests} on Boot 3.5's {@code ObjectMapper} (Jackson 2). */
class ContextJacksonCodecTest extends ContextJacksonCodecTests {

    @Override
    ApplicationContextRunner withSnakeCaseJackson(ApplicationContextRunner runner) {
        return runner.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withBean(
                        Jackson2ObjectMapperBuilderCustomizer.class,
                        () -> builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }
}
