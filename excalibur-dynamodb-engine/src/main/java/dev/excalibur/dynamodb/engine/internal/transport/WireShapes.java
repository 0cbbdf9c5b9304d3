package dev.excalibur.dynamodb.engine.internal.transport;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Checks a request's JSON against the operation's shape before the SDK reads it, as the service's
 * deserializer does: the first member (in document order) whose JSON type does not fit its shape
 * is reported with the service's {@code SerializationException} message ({@code NUMBER_VALUE
 * cannot be converted to String}, {@code Start of structure or map found where not expected},
 * {@code Unrecognized collection type class java.lang.String}, ...; wording as recorded from the
 * service by dynalite's type tests). The SDK's own reader is lenient (it would read {@code 5} as
 * the string {@code "5"} and drop an object where a string belongs). Members the shape does not
 * know are ignored, and {@code null} counts as absent, as on the service. Internal to the engine.
 */
final class WireShapes {

    private static final String MODEL_NAMESPACE = "com.amazonaws.dynamodb.v20120810.";
    private static final String START_OF_STRUCTURE = "Start of structure or map found where not expected";

    /** The fields of each shape by JSON member name, per builder class (the SDK's field lists are constants). */
    private static final Map<Class<?>, Map<String, SdkField<?>>> FIELDS = new ConcurrentHashMap<>();

    private WireShapes() {}

    private static Map<String, SdkField<?>> fieldsByLocation(SdkPojo shape) {
        Map<String, SdkField<?>> fields = new HashMap<>();
        for (SdkField<?> field : shape.sdkFields()) {
            fields.put(field.locationName(), field);
        }
        return fields;
    }

    /** The first mismatch between {@code body} (a JSON object) and the request shape whose builder {@code request} makes. */
    static Optional<String> firstMismatch(Map<String, JsonNode> body, Supplier<SdkPojo> request) {
        return structure(body, request);
    }

    private static Optional<String> structure(Map<String, JsonNode> members, Supplier<SdkPojo> shape) {
        Map<String, SdkField<?>> fields =
                FIELDS.computeIfAbsent(shape.get().getClass(), ignored -> fieldsByLocation(shape.get()));
        for (Map.Entry<String, JsonNode> member : members.entrySet()) {
            SdkField<?> field = fields.get(member.getKey());
            if (field != null) {
                Optional<String> mismatch = value(member.getValue(), field, false);
                if (mismatch.isPresent()) {
                    return mismatch;
                }
            }
        }
        return Optional.empty();
    }

    /** Checks one value against its field; {@code element} when it is a list member or map value (the service words a misplaced structure there differently). */
    private static Optional<String> value(JsonNode node, SdkField<?> field, boolean element) {
        if (node.isNull()) {
            return Optional.empty();
        }
        MarshallingType<?> type = field.marshallingType();
        if (node.isObject() && type != MarshallingType.MAP && type != MarshallingType.SDK_POJO) {
            return Optional.of(START_OF_STRUCTURE);
        }
        if (node.isArray() && type != MarshallingType.LIST) {
            return Optional.of("Unrecognized collection type " + javaType(field, true));
        }
        if (type == MarshallingType.STRING) {
            return node.isString()
                    ? Optional.empty()
                    : Optional.of(scalarKind(node) + " cannot be converted to String");
        }
        if (type == MarshallingType.BOOLEAN) {
            return node.isBoolean()
                    ? Optional.empty()
                    : Optional.of(
                            node.isString()
                                    ? "Unexpected token received from parser"
                                    : scalarKind(node) + " cannot be converted to Boolean");
        }
        if (type == MarshallingType.INTEGER || type == MarshallingType.LONG) {
            String target = type == MarshallingType.INTEGER ? "Integer" : "Long";
            return node.isNumber()
                    ? Optional.empty()
                    : Optional.of(scalarKind(node) + " cannot be converted to " + target);
        }
        if (type == MarshallingType.SDK_BYTES) {
            return node.isString()
                    ? base64(node.asString())
                    : Optional.of("only base-64-encoded strings are convertible to bytes");
        }
        if (type == MarshallingType.LIST) {
            if (!node.isArray()) {
                return Optional.of(node.isObject() ? START_OF_STRUCTURE : "Unexpected field type");
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            return first(node.asArray(), item -> value(item, member, true));
        }
        if (type == MarshallingType.MAP) {
            if (!node.isObject()) {
                return Optional.of("Unexpected field type");
            }
            SdkField<?> valueField = field.getTrait(MapTrait.class).valueFieldInfo();
            return first(List.copyOf(node.asObject().values()), item -> value(item, valueField, true));
        }
        if (type == MarshallingType.SDK_POJO) {
            if (!node.isObject()) {
                return Optional.of(element ? "Unexpected value type in payload" : "Unexpected field type");
            }
            return structure(node.asObject(), field.constructor());
        }
        // Documentation is silent on timestamps and documents: no request the engine serves has them in a form that
        // needs checking.
        return Optional.empty();
    }

    private static Optional<String> first(List<JsonNode> nodes, Function<JsonNode, Optional<String>> check) {
        for (JsonNode node : nodes) {
            Optional<String> mismatch = check.apply(node);
            if (mismatch.isPresent()) {
                return mismatch;
            }
        }
        return Optional.empty();
    }

    /** How the service's parser names a scalar token. */
    private static String scalarKind(JsonNode node) {
        if (node.isBoolean()) {
            return node.asBoolean() ? "TRUE_VALUE" : "FALSE_VALUE";
        }
        if (node.isNumber()) {
            String text = node.asNumber();
            return text.contains(".") || text.contains("e") || text.contains("E") ? "DECIMAL_VALUE" : "NUMBER_VALUE";
        }
        return "STRING_VALUE";
    }

    private static Optional<String> base64(String text) {
        if (text.length() % 4 != 0) {
            return Optional.of("Base64 encoded length is expected a multiple of 4 bytes but found: " + text.length());
        }
        try {
            Base64.getDecoder().decode(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // Documentation is silent on other malformed Base64: the service's message for a bad final character (sic)
            // stands for all.
            return Optional.of("Invalid last non-pad Base64 character dectected");
        }
    }

    /** The service's Java type for a field, as its deserializer prints it ({@code class X} for a plain class). */
    private static String javaType(SdkField<?> field, boolean top) {
        MarshallingType<?> type = field.marshallingType();
        String plain;
        if (type == MarshallingType.LIST) {
            return "java.util.List<" + javaType(field.getTrait(ListTrait.class).memberFieldInfo(), false) + ">";
        } else if (type == MarshallingType.MAP) {
            return "java.util.Map<java.lang.String, "
                    + javaType(field.getTrait(MapTrait.class).valueFieldInfo(), false) + ">";
        } else if (type == MarshallingType.SDK_POJO) {
            plain = MODEL_NAMESPACE
                    + field.constructor().get().getClass().getEnclosingClass().getSimpleName();
        } else if (type == MarshallingType.SDK_BYTES) {
            plain = "java.nio.ByteBuffer";
        } else if (type == MarshallingType.BOOLEAN) {
            plain = "java.lang.Boolean";
        } else if (type == MarshallingType.INTEGER) {
            plain = "java.lang.Integer";
        } else if (type == MarshallingType.LONG) {
            plain = "java.lang.Long";
        } else {
            plain = "java.lang.String";
        }
        return top ? "class " + plain : plain;
    }
}
