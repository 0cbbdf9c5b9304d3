package dev.excalibur.dynamodb.codec.jackson2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.DocumentCodecContract;
import org.junit.jupiter.api.Test;

class Jackson2DocumentCodecTest extends DocumentCodecContract {

    private static final Jackson2DocumentCodec CODEC = Jackson2DocumentCodec.create();
    private static final ObjectMapper SNAKE_CASE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    @Override
    protected DocumentCodec codec() {
        return CODEC;
    }

    @Override
    protected DocumentCodec snakeCaseCodec() {
        return Jackson2DocumentCodec.of(SNAKE_CASE);
    }

    @Test
    void withOnlyJackson2PresentDiscoveryFindsThisCodec() {
        assertThat(DocumentCodec.discover()).isInstanceOf(Jackson2DocumentCodec.class);
    }

    @Test
    void theCodecKeepsItsMapperAndRefusesNone() {
        assertThat(Jackson2DocumentCodec.of(SNAKE_CASE).objectMapper()).isSameAs(SNAKE_CASE);
        assertThatThrownBy(() -> Jackson2DocumentCodec.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("objectMapper must not be null");
    }
}
