package dev.excalibur.dynamodb.codec;

import dev.excalibur.dynamodb.codec.internal.CodecDiscovery;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps documents (records, beans, maps) to DynamoDB items and back, with no JSON text in between: strings
 * become S, numbers N (exact decimal text), booleans BOOL, null NULL, objects M, arrays L and {@code byte[]} B.
 * Reading accepts every DynamoDB type, sets included, and ignores attributes the document type does not know.
 * Dates are ISO-8601 strings in the default configurations.
 *
 * <p>Implementations are immutable and thread-safe. The Jackson 3 codec
 * ({@code excalibur-dynamodb-codec-jackson3}) and the Jackson 2 codec ({@code excalibur-dynamodb-codec-jackson2})
 * write the same items for the same documents with their default configurations.
 */
public interface DocumentCodec {

    /**
     * The item for a document.
     *
     * @throws NullPointerException if the document is null
     * @throws IllegalArgumentException if the document does not serialize to an object, or holds a number
     *     DynamoDB cannot store (NaN, infinite, more than 38 significant digits, a magnitude outside 1E-130 to
     *     below 1E+126)
     * @throws UnsupportedOperationException if a serializer writes raw JSON
     * @throws java.io.UncheckedIOException if the document cannot be serialized otherwise (a type the mapper
     *     cannot serialize, a failing getter)
     */
    Map<String, AttributeValue> toItem(Object document);

    /**
     * The attribute value for one property value, mapped as it would be inside a document (so a query filter
     * or a patch value matches what a document write stores); null maps to NULL.
     *
     * @throws IllegalArgumentException if the value maps to a number DynamoDB cannot store
     * @throws java.io.UncheckedIOException if the value cannot be serialized
     */
    AttributeValue toAttributeValue(@Nullable Object value);

    /**
     * The document of the given type for an item.
     *
     * @throws NullPointerException if the item or the type is null
     * @throws java.io.UncheckedIOException if the item cannot be read as the type (a type mismatch, say); its
     *     message names the type
     */
    <T> T fromItem(Map<String, AttributeValue> item, Class<T> type);

    /**
     * The document of the given type for an item, leaving out the named top-level attributes unless the type
     * has properties of those names (used for key and bookkeeping attributes). Nested attributes of those
     * names are kept.
     *
     * @throws NullPointerException if an argument is null
     * @throws java.io.UncheckedIOException if the item cannot be read as the type; its message names the type
     */
    <T> T fromItem(Map<String, AttributeValue> item, Class<T> type, Set<String> unlessProperty);

    /**
     * The default codec on the class path, in its default configuration: Jackson 3's when
     * {@code excalibur-dynamodb-codec-jackson3} and Jackson 3 are present, else Jackson 2's when
     * {@code excalibur-dynamodb-codec-jackson2} and Jackson 2 are. Found once, then the same instance.
     *
     * @throws IllegalStateException if neither codec module (with its Jackson) is on the class path; the
     *     message names both artifacts
     */
    static DocumentCodec discover() {
        return CodecDiscovery.defaultCodec();
    }
}
