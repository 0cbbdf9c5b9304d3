package dev.excalibur.data.dynamodb;

import dev.excalibur.data.dynamodb.internal.ItemSize;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Documents as items of the provider's table layout: key attributes, ETag, size limit. */
final class Items {

    /** 128 bits in 6-bit characters. */
    private static final int ETAG_LENGTH = 22;

    private static final byte[] URL_SAFE_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);

    private final DynamoDbOptions options;
    private final DocumentCodec codec;
    private final Set<String> bookkeepingAttributes;

    Items(DynamoDbOptions options, DocumentCodec codec) {
        this.options = options;
        this.codec = codec;
        this.bookkeepingAttributes =
                Set.of(options.partitionKeyAttribute(), options.sortKeyAttribute(), options.etagAttribute());
    }

    DocumentCodec codec() {
        return codec;
    }

    /** The key, ETag and (unless the type has such properties) left out of documents read. */
    Set<String> bookkeepingAttributes() {
        return bookkeepingAttributes;
    }

    /** An item and its size in bytes as DynamoDB counts it. */
    record Sized(Map<String, AttributeValue> item, long size) {}

    /**
     * The item for a document in a partition with the given ETag.
     *
     * @throws IllegalArgumentException if the document has no id, contradicts the key or ETag
     *         attributes, or is larger than 400 KB as an item
     */
    Map<String, AttributeValue> item(Object document, String partitionKey, String etag) {
        return sizedItem(document, partitionKey, etag).item();
    }

    /** {@link #item}, with its size. */
    Sized sizedItem(Object document, String partitionKey, String etag) {
        Objects.requireNonNull(document, "document must not be null");
        Map<String, AttributeValue> item = codec.toItem(document);
        String id = documentId(item, document);
        requireSame(item, options.partitionKeyAttribute(), partitionKey, "partition key");
        requireSame(item, options.sortKeyAttribute(), id, "document id");
        if (item.containsKey(options.etagAttribute())) {
            throw new IllegalArgumentException("document must not have a property named '" + options.etagAttribute()
                    + "': the provider keeps the ETag in that attribute");
        }
        item.put(options.partitionKeyAttribute(), AttributeValue.fromS(partitionKey));
        item.put(options.sortKeyAttribute(), AttributeValue.fromS(id));
        item.put(options.etagAttribute(), AttributeValue.fromS(etag));
        long size = ItemSize.of(item);
        if (size > ItemSize.MAX_ITEM_BYTES) {
            throw new IllegalArgumentException(ItemSize.overLimit("document '" + id + "'", size));
        }
        return new Sized(item, size);
    }

    /** The document id (sort key) of an item made by {@link #item}. */
    String idOf(Map<String, AttributeValue> item) {
        return item.get(options.sortKeyAttribute()).s();
    }

    /** The partition key value of an item or key. */
    String partitionOf(Map<String, AttributeValue> item) {
        return item.get(options.partitionKeyAttribute()).s();
    }

    /** The primary key of a document. */
    Map<String, AttributeValue> key(String partitionKey, String id) {
        Map<String, AttributeValue> key = new HashMap<>(4);
        key.put(options.partitionKeyAttribute(), AttributeValue.fromS(partitionKey));
        key.put(options.sortKeyAttribute(), AttributeValue.fromS(id));
        return key;
    }

    /**
     * A fresh random ETag: 16 random bytes in URL-safe Base64 without padding (22 characters),
     * encoded here from two random longs, without the byte array and copies of {@link Base64}.
     */
    static String newEtag() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        long low = random.nextLong();
        byte[] text = new byte[ETAG_LENGTH];
        for (int c = 0; c < ETAG_LENGTH; c++) {
            text[c] = URL_SAFE_ALPHABET[sixBits(high, low, c * 6)];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** Bits {@code first} to {@code first + 5} of the 128 bits high then low, zeros past the end. */
    private static int sixBits(long high, long low, int first) {
        if (first <= 58) {
            return (int) (high >>> (58 - first)) & 63;
        }
        if (first < 64) {
            return (int) ((high << (first - 58)) | (low >>> (122 - first))) & 63;
        }
        return (int) (first <= 122 ? low >>> (122 - first) : low << (first - 122)) & 63;
    }

    static void requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("id must not be null or blank");
        }
        if (id.length() > 1024) {
            throw new IllegalArgumentException(
                    "id is " + id.length() + " characters; a DynamoDB sort key holds at most 1024 bytes");
        }
    }

    static void requirePartitionKey(dev.excalibur.data.cloudnative.PartitionKey partitionKey) {
        Objects.requireNonNull(partitionKey, "partitionKey must not be null");
        String value = partitionKey.value();
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("partitionKey value must not be empty");
        }
        if (value.length() > 2048) {
            throw new IllegalArgumentException("partitionKey value is " + value.length()
                    + " characters; a DynamoDB partition key holds at most 2048 bytes");
        }
    }

    private static String documentId(Map<String, AttributeValue> item, Object document) {
        AttributeValue id = item.get("id");
        if (id == null) {
            id = item.get("Id");
        }
        String value = id == null ? null : id.s() != null ? id.s() : id.n();
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "document of type " + document.getClass().getName()
                            + " needs a non-blank 'id' (or 'Id') property: it is the document's sort key");
        }
        return value;
    }

    private static void requireSame(Map<String, AttributeValue> item, String attribute, String expected, String what) {
        AttributeValue present = item.get(attribute);
        if (present != null && !expected.equals(present.s())) {
            throw new IllegalArgumentException("document property '" + attribute + "' is " + present
                    + " but it is the table's " + what + " attribute, which must be '" + expected + "'");
        }
    }
}
