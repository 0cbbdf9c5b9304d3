package dev.excalibur.data.dynamodb.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Maps documents to DynamoDB items and back through Jackson, without building an intermediate
 * JSON tree: strings become S, numbers N (exact decimal text), booleans BOOL, null NULL, objects M,
 * arrays L and {@code byte[]} B. Reading accepts every DynamoDB type, sets included. Dates are
 * ISO-8601 strings. Attributes the document type does not know are ignored.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DocumentMapper {

    private final ObjectMapper objectMapper;
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
        try (TokenBuffer buffer = new TokenBuffer(objectMapper, false);
             JsonParser parser = serialize(document, buffer)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("document of type " + document.getClass().getName()
                        + " must serialize to a JSON object, not " + first);
            }
            return readObject(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialize document of type " + document.getClass().getName(), e);
        }
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
        try (TokenBuffer buffer = new TokenBuffer(objectMapper, false)) {
            buffer.writeStartObject();
            for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
                String name = entry.getKey();
                if (unlessProperty.contains(name) && !known.contains(name)) {
                    continue;
                }
                buffer.writeFieldName(name);
                writeValue(buffer, entry.getValue());
            }
            buffer.writeEndObject();
            try (JsonParser parser = buffer.asParser(objectMapper)) {
                return objectMapper.readValue(parser, type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not map item to " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private JsonParser serialize(Object document, TokenBuffer buffer) throws IOException {
        objectMapper.writeValue((JsonGenerator) buffer, document);
        return buffer.asParser(objectMapper);
    }

    private Set<String> introspectPropertyNames(Class<?> type) {
        if (Map.class.isAssignableFrom(type) || type == Object.class) {
            return Set.of();
        }
        JavaType javaType = objectMapper.constructType(type);
        Set<String> names = new HashSet<>();
        for (BeanPropertyDefinition property : objectMapper.getDeserializationConfig()
                .introspect(javaType).findProperties()) {
            names.add(property.getName());
        }
        return Set.copyOf(names);
    }

    private static Map<String, AttributeValue> readObject(JsonParser parser) throws IOException {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            map.put(name, readValue(parser, parser.nextToken()));
        }
        return map;
    }

    private static AttributeValue readValue(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                return AttributeValue.fromM(readObject(parser));
            case START_ARRAY: {
                List<AttributeValue> list = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    list.add(readValue(parser, next));
                }
                return AttributeValue.fromL(list);
            }
            case VALUE_STRING:
                return AttributeValue.fromS(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return AttributeValue.fromN(numberText(parser));
            case VALUE_TRUE:
                return AttributeValue.fromBool(Boolean.TRUE);
            case VALUE_FALSE:
                return AttributeValue.fromBool(Boolean.FALSE);
            case VALUE_NULL:
                return AttributeValue.fromNul(Boolean.TRUE);
            case VALUE_EMBEDDED_OBJECT: {
                Object embedded = parser.getEmbeddedObject();
                if (embedded instanceof byte[]) {
                    return AttributeValue.fromB(SdkBytes.fromByteArray((byte[]) embedded));
                }
                return embedded == null ? AttributeValue.fromNul(Boolean.TRUE) : AttributeValue.fromS(embedded.toString());
            }
            default:
                throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    private static String numberText(JsonParser parser) throws IOException {
        Number number = parser.getNumberValue();
        if (number instanceof BigDecimal) {
            return ((BigDecimal) number).toPlainString();
        }
        if (number instanceof Double || number instanceof Float) {
            double value = number.doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("property '" + parser.currentName()
                        + "' is " + value + ", which DynamoDB cannot store as a number");
            }
            return new BigDecimal(number.toString()).toPlainString();
        }
        return number.toString();
    }

    private static void writeValue(JsonGenerator out, AttributeValue value) throws IOException {
        switch (value.type()) {
            case S:
                out.writeString(value.s());
                break;
            case N:
                writeNumber(out, value.n());
                break;
            case BOOL:
                out.writeBoolean(value.bool());
                break;
            case NUL:
                out.writeNull();
                break;
            case B:
                out.writeBinary(value.b().asByteArrayUnsafe());
                break;
            case M:
                out.writeStartObject();
                for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                    out.writeFieldName(entry.getKey());
                    writeValue(out, entry.getValue());
                }
                out.writeEndObject();
                break;
            case L:
                out.writeStartArray();
                for (AttributeValue element : value.l()) {
                    writeValue(out, element);
                }
                out.writeEndArray();
                break;
            case SS:
                out.writeStartArray();
                for (String element : value.ss()) {
                    out.writeString(element);
                }
                out.writeEndArray();
                break;
            case NS:
                out.writeStartArray();
                for (String element : value.ns()) {
                    writeNumber(out, element);
                }
                out.writeEndArray();
                break;
            case BS:
                out.writeStartArray();
                for (SdkBytes element : value.bs()) {
                    out.writeBinary(element.asByteArrayUnsafe());
                }
                out.writeEndArray();
                break;
            default:
                throw new IllegalArgumentException("unsupported attribute value " + value);
        }
    }

    private static void writeNumber(JsonGenerator out, String text) throws IOException {
        boolean integral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (!integral) {
            out.writeNumber(new BigDecimal(text));
        } else if (text.length() <= 18) {
            out.writeNumber(Long.parseLong(text));
        } else {
            out.writeNumber(new BigInteger(text));
        }
    }
}
