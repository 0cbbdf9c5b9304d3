package dev.excalibur.dynamodb.codec.jackson2;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
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
        return pinStorageFormat(JsonMapper.builder().build());
    }

    /**
     * A copy of an application's mapper (its modules, naming strategy, mix-ins and other settings kept)
     * with the storage-format settings of {@link #defaultObjectMapper()} applied over it: the
     * {@code java.time} and {@code Optional} modules, property order, dates and durations, enums, nulls for
     * primitives, unknown properties and big decimals. Items stored through it read back with the Jackson 3
     * codec's default and the other way round, whatever the application's JSON settings are (Spring Boot's
     * own mapper writes durations as text, for one). The given mapper is not changed.
     *
     * @throws NullPointerException if the mapper is null
     */
    public static ObjectMapper withStorageFormat(ObjectMapper objectMapper) {
        return pinStorageFormat(Objects.requireNonNull(objectMapper, "objectMapper must not be null")
                .copy());
    }

    /** The settings that decide what is stored, on a mapper of this class's own: the one list of them. */
    private static ObjectMapper pinStorageFormat(ObjectMapper mapper) {
        // a module already registered (Spring Boot registers both) is not registered twice
        mapper.registerModule(new JavaTimeModule()).registerModule(new Jdk8Module());
        // properties in declaration (record component) order, the order of the item's map
        mapper.setConfig(mapper.getSerializationConfig().without(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY));
        return mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // durations as seconds (3600.000000000), as the items already stored hold them
                .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // enums by name(), whatever toString() says
                .disable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** The Jackson mapper in use. */
    public ObjectMapper objectMapper() {
        return objectMapper;
    }
}
