package dev.excalibur.dynamodb.codec.jackson3;

import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.internal.JacksonCodecBase;
import java.util.Objects;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link DocumentCodec} on Jackson 3: a serializer writes straight into attribute values and a
 * deserializer reads straight from them, with no JSON text, no token buffer and no tree in between. Immutable
 * and thread-safe. Spring Boot 4 exposes its configured {@link JsonMapper} as a bean: pass it to
 * {@link #of(JsonMapper)} to map documents as the application's JSON does.
 */
public final class Jackson3DocumentCodec extends JacksonCodecBase {

    private final JsonMapper jsonMapper;

    private Jackson3DocumentCodec(JsonMapper jsonMapper, boolean defaultMapper) {
        super(new Jackson3Binding(jsonMapper, defaultMapper));
        this.jsonMapper = jsonMapper;
    }

    /**
     * A codec over {@link #defaultJsonMapper()}. Plain records (no Jackson annotations, components of common
     * types) map without Jackson's per-call work, to the same items and documents.
     */
    public static Jackson3DocumentCodec create() {
        return new Jackson3DocumentCodec(defaultJsonMapper(), true);
    }

    /**
     * A codec over the given mapper (its modules, naming strategy, and features apply).
     *
     * @throws NullPointerException if the mapper is null
     */
    public static Jackson3DocumentCodec of(JsonMapper jsonMapper) {
        return new Jackson3DocumentCodec(Objects.requireNonNull(jsonMapper, "jsonMapper must not be null"), false);
    }

    /**
     * The default configuration, the same mapping as the Jackson 2 codec's default: records, {@code java.time}
     * as ISO-8601 strings (durations as seconds), {@code Optional}, properties in declaration order, unknown
     * properties ignored on read, offsets kept, fractions read as {@link java.math.BigDecimal} when untyped.
     * Constructors that take all properties (records') are called through a method handle made once per type
     * rather than Jackson 3's per-call {@code invokeWithArguments}.
     */
    public static JsonMapper defaultJsonMapper() {
        return pinStorageFormat(JsonMapper.builder())
                // records and other all-property constructors called as fast as Jackson 2 calls them
                .addModule(new SpreadCreators())
                .build();
    }

    /**
     * A copy of an application's mapper (its modules, naming strategy, mix-ins and other settings kept)
     * with the storage-format settings of {@link #defaultJsonMapper()} applied over it: property order,
     * dates and durations, enums, nulls for primitives, unknown properties and big decimals. Items stored
     * through it read back with the Jackson 2 codec's default and the other way round, whatever the
     * application's JSON settings are. The given mapper is not changed.
     *
     * @throws NullPointerException if the mapper is null
     */
    public static JsonMapper withStorageFormat(JsonMapper jsonMapper) {
        return pinStorageFormat(Objects.requireNonNull(jsonMapper, "jsonMapper must not be null")
                        .rebuild())
                .build();
    }

    /** The settings that decide what is stored: the one list of them. */
    private static JsonMapper.Builder pinStorageFormat(JsonMapper.Builder builder) {
        return builder
                // Jackson 3 sorts properties by name by default; Jackson 2 keeps declaration (record component)
                // order. The order is the order of the item's map, so it shows in what DynamoDB is sent.
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                // Jackson 3 writes durations as ISO-8601 text (PT1H) by default; Jackson 2 (with
                // WRITE_DATES_AS_TIMESTAMPS off, as its codec has it) as seconds (3600.000000000). Items
                // already stored hold the seconds.
                .enable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                // already Jackson 3's default; pinned as the Jackson 2 codec pins it
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                // read an OffsetDateTime with the offset it was written with, not moved to UTC
                .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // enums by name(), as Jackson 2 does, whatever toString() says
                .disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                .disable(EnumFeature.READ_ENUMS_USING_TO_STRING)
                // Jackson 3 fails on a missing or NULL primitive; Jackson 2 reads it as 0 / false
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** The Jackson mapper in use. */
    public JsonMapper jsonMapper() {
        return jsonMapper;
    }
}
