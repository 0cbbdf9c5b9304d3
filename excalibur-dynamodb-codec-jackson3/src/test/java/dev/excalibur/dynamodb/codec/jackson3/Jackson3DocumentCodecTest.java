package dev.excalibur.dynamodb.codec.jackson3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.DocumentCodecContract;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

class Jackson3DocumentCodecTest extends DocumentCodecContract {

    private static final Jackson3DocumentCodec CODEC = Jackson3DocumentCodec.create();

    @Override
    protected DocumentCodec codec() {
        return CODEC;
    }

    record Named(String firstName) {}

    @Test
    void withBothJacksonsPresentDiscoveryPrefersJackson3() {
        assertThat(DocumentCodec.discover()).isInstanceOf(Jackson3DocumentCodec.class);
    }

    @Test
    void aGivenMapperIsUsedAsConfigured() {
        Jackson3DocumentCodec snake = Jackson3DocumentCodec.of(JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .build());

        assertThat(snake.toItem(new Named("Ada"))).containsExactly(entry("first_name", AttributeValue.fromS("Ada")));
        assertThat(snake.fromItem(Map.of("first_name", AttributeValue.fromS("Ada")), Named.class))
                .isEqualTo(new Named("Ada"));
        assertThat(snake.jsonMapper().serializationConfig().getPropertyNamingStrategy())
                .isSameAs(PropertyNamingStrategies.SNAKE_CASE);
        assertThatThrownBy(() -> Jackson3DocumentCodec.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("jsonMapper must not be null");
    }
}
