package dev.excalibur.data.dynamodb.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps documents to DynamoDB items and back through Jackson, without building an intermediate
 * JSON tree: strings become S, numbers N (exact decimal text), booleans BOOL, null NULL, objects M,
 * arrays L and {@code byte[]} B. Reading accepts every DynamoDB type, sets included. Dates are
 * ISO-8601 strings. Attributes the document type does not know are ignored.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DocumentMapper {

    private static final AttributeValue NULL_VALUE = AttributeValue.fromNul(true);

    private final ObjectMapper objectMapper;
    private final ClassValue<ObjectWriter> writers = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return objectMapper.writerFor(type);
        }
    };
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return objectMapper.readerFor(type);
        }
    };
    private final ClassValue<Set<String>> propertyNames = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            return introspectPropertyNames(type);
        }
    };

    /** A mapper over the given Jackson {@link ObjectMapper}. */
    public DocumentMapper(ObjectMapper objectMapper) {
        this.objectMapper = Objects.requireNonNull(objectMapper, "objectMapper must not be null");
    }

    /** A mapper over {@link #defaultObjectMapper()}. */
    public DocumentMapper() {
        this(defaultObjectMapper());
    }

    /**
     * The default Jackson configuration: records, {@code java.time} as ISO-8601 strings,
     * {@code Optional}, unknown properties ignored on read.
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

    /**
     * The item for a document. The document must serialize to a JSON object.
     *
     * @throws IllegalArgumentException if the document is not an object or holds a number DynamoDB cannot store
     */
    public Map<String, AttributeValue> toItem(Object document) {
        Objects.requireNonNull(document, "document must not be null");
        ItemGenerator generator = new ItemGenerator(objectMapper);
        try {
            writers.get(document.getClass()).writeValue(generator, document);
        } catch (IOException e) {
            throw mappingFailure(
                    e,
                    "could not serialize document of type "
                            + document.getClass().getName());
        }
        Map<String, AttributeValue> item = generator.item();
        if (item == null) {
            throw new IllegalArgumentException("document of type "
                    + document.getClass().getName() + " must serialize to a JSON object, not " + generator.rootToken());
        }
        return item;
    }

    /**
     * The attribute value for one property value, mapped as it would be inside a document
     * (so a filter or patch value matches what a document write stores).
     *
     * @throws IllegalArgumentException if the value maps to nothing DynamoDB can store
     */
    public AttributeValue toAttributeValue(@Nullable Object value) {
        if (value == null) {
            return NULL_VALUE;
        }
        if (value instanceof String) {
            return AttributeValue.fromS((String) value);
        }
        if (value instanceof Boolean) {
            return AttributeValue.fromBool((Boolean) value);
        }
        AttributeValue mapped = toItem(Collections.singletonMap("value", value)).get("value");
        return mapped == null ? NULL_VALUE : mapped;
    }

    /** The document of the given type for an item. */
    public <T> T fromItem(Map<String, AttributeValue> item, Class<T> type) {
        return fromItem(item, type, Set.of());
    }

    /**
     * The document of the given type for an item, leaving out the named attributes unless the
     * type has properties of those names (used for key and bookkeeping attributes).
     */
    public <T> T fromItem(Map<String, AttributeValue> item, Class<T> type, Set<String> unlessProperty) {
        Objects.requireNonNull(item, "item must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Set<String> known = unlessProperty.isEmpty() ? Set.of() : propertyNames.get(type);
        try {
            return readers.get(type).readValue(new ItemParser(item, unlessProperty, known, objectMapper));
        } catch (IOException e) {
            throw mappingFailure(e, "could not map item to " + type.getName() + ": " + e.getMessage());
        }
    }

    /** Our own argument errors pass through Jackson's wrapping; anything else is an I/O failure. */
    private static RuntimeException mappingFailure(IOException e, String message) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException || cause instanceof UnsupportedOperationException) {
                return (RuntimeException) cause;
            }
        }
        return new UncheckedIOException(message, e);
    }

    private Set<String> introspectPropertyNames(Class<?> type) {
        if (Map.class.isAssignableFrom(type) || type == Object.class) {
            return Set.of();
        }
        JavaType javaType = objectMapper.constructType(type);
        Set<String> names = new HashSet<>();
        for (BeanPropertyDefinition property :
                objectMapper.getDeserializationConfig().introspect(javaType).findProperties()) {
            names.add(property.getName());
        }
        return Set.copyOf(names);
    }
}
