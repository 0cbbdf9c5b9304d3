package dev.excalibur.dynamodb.codec.jackson2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.DocumentCodecContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class Jackson2DocumentCodecTest extends DocumentCodecContract {

    private static final Jackson2DocumentCodec CODEC = Jackson2DocumentCodec.create();

    @Override
    protected DocumentCodec codec() {
        return CODEC;
    }

    @Test
    void withOnlyJackson2PresentDiscoveryFindsThisCodec() {
        assertThat(DocumentCodec.discover()).isInstanceOf(Jackson2DocumentCodec.class);
    }

    record Named(String firstName) {}

    @Test
    void aGivenMapperIsUsedAsConfigured() {
        Jackson2DocumentCodec snake = Jackson2DocumentCodec.of(JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build());

        assertThat(snake.toItem(new Named("Ada"))).containsExactly(entry("first_name", AttributeValue.fromS("Ada")));
        assertThat(snake.fromItem(Map.of("first_name", AttributeValue.fromS("Ada")), Named.class))
                .isEqualTo(new Named("Ada"));
        assertThat(snake.objectMapper().getPropertyNamingStrategy()).isSameAs(PropertyNamingStrategies.SNAKE_CASE);
        assertThatThrownBy(() -> Jackson2DocumentCodec.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("objectMapper must not be null");
    }
}
