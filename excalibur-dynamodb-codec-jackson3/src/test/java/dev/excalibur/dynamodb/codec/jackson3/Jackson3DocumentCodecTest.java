package dev.excalibur.dynamodb.codec.jackson3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.DocumentCodecContract;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class Jackson3DocumentCodecTest extends DocumentCodecContract {

    private static final Jackson3DocumentCodec CODEC = Jackson3DocumentCodec.create();
    private static final JsonMapper SNAKE_CASE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    @Override
    protected DocumentCodec codec() {
        return CODEC;
    }

    @Override
    protected DocumentCodec snakeCaseCodec() {
        return Jackson3DocumentCodec.of(SNAKE_CASE);
    }

    @Test
    void withBothJacksonsPresentDiscoveryPrefersJackson3() {
        assertThat(DocumentCodec.discover()).isInstanceOf(Jackson3DocumentCodec.class);
    }

    @Test
    void theCodecKeepsItsMapperAndRefusesNone() {
        assertThat(Jackson3DocumentCodec.of(SNAKE_CASE).jsonMapper()).isSameAs(SNAKE_CASE);
        assertThatThrownBy(() -> Jackson3DocumentCodec.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("jsonMapper must not be null");
    }
}
