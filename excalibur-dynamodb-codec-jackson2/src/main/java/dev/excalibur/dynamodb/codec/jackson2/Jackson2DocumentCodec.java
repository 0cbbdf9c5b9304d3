package dev.excalibur.dynamodb.codec.jackson2;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.internal.JacksonCodecBase;
import java.util.Objects;

/**
 * The {@link DocumentCodec} on Jackson 2: a serializer writes straight into attribute values and a
 * deserializer reads straight from them, with no JSON text and no tree in between. Immutable and thread-safe
 * (as long as the {@link ObjectMapper} is not reconfigured).
 */
public final class Jackson2DocumentCodec extends JacksonCodecBase {

    private final ObjectMapper objectMapper;

    private Jackson2DocumentCodec(ObjectMapper objectMapper, boolean defaultMapper) {
        super(new Jackson2Binding(objectMapper, defaultMapper));
        this.objectMapper = objectMapper;
    }

    /**
     * A codec over {@link #defaultObjectMapper()}. Plain records (no Jackson annotations, components of common
     * types) map without Jackson's per-call work, to the same items and documents.
     */
    public static Jackson2DocumentCodec create() {
        return new Jackson2DocumentCodec(defaultObjectMapper(), true);
    }

    /**
     * A codec over the given mapper (its modules, naming strategy, and features apply).
     *
     * @throws NullPointerException if the mapper is null
     */
    public static Jackson2DocumentCodec of(ObjectMapper objectMapper) {
        return new Jackson2DocumentCodec(Objects.requireNonNull(objectMapper, "objectMapper must not be null"), false);
    }

    /**
     * The default configuration: records, {@code java.time} as ISO-8601 strings (durations as seconds),
     * {@code Optional}, unknown properties ignored on read, offsets kept, fractions read as
     * {@link java.math.BigDecimal} when untyped.
     */
    public static ObjectMapper defaultObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    /** The Jackson mapper in use. */
    public ObjectMapper objectMapper() {
        return objectMapper;
    }
}
