package dev.excalibur.dynamodb.engine.internal.tables;

import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The position of an item (or index entry) in a table's or index's ordered storage: a 32-bit token
 * derived from the partition key value, then the key values in order (partition key, sort key, and for an
 * index entry the table's key after the index's). Within one partition entries are in sort-key order, which
 * is the order Query returns; the token spreads partitions over an unsigned 32-bit space that parallel Scan
 * cuts into contiguous segments. A key with {@code upper} set sorts after every key it is a prefix of
 * (a bound for range searches). Internal to the engine.
 */
public record StoredKey(int token, List<AttributeValue> parts, boolean upper) implements Comparable<StoredKey> {

    public static StoredKey of(List<AttributeValue> parts) {
        return new StoredKey(token(parts.get(0)), parts, false);
    }

    /** The bound just before every key that starts with {@code prefix} ({@code upper=false}) or just after them. */
    public static StoredKey bound(List<AttributeValue> prefix, boolean upper) {
        return new StoredKey(token(prefix.get(0)), prefix, upper);
    }

    /** The bound before (or after) every key whose token is {@code unsignedToken}. */
    public static StoredKey tokenBound(long unsignedToken, boolean upper) {
        return new StoredKey((int) (unsignedToken ^ 0x80000000L), List.of(), upper);
    }

    /** The token as an unsigned value in 0..2^32-1, the space parallel Scan segments divide. */
    public long unsignedToken() {
        return (token ^ 0x80000000) & 0xFFFFFFFFL;
    }

    // Documentation is silent on how the service hashes partition keys; any stable spreading function will do.
    private static int token(AttributeValue partition) {
        byte[] bytes;
        if (partition.s() != null) {
            bytes = partition.s().getBytes(StandardCharsets.UTF_8);
        } else if (partition.n() != null) {
            bytes = partition.n().getBytes(StandardCharsets.US_ASCII);
        } else {
            SdkBytes b = partition.b();
            bytes = b == null ? new byte[0] : b.asByteArray();
        }
        int h = Arrays.hashCode(bytes);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        // stored flipped so that signed int order equals unsigned token order
        return h ^ 0x80000000;
    }

    @Override
    public int compareTo(StoredKey other) {
        int byToken = Integer.compare(token, other.token);
        if (byToken != 0) {
            return byToken;
        }
        int common = Math.min(parts.size(), other.parts.size());
        for (int i = 0; i < common; i++) {
            int c = AttributeValues.compare(parts.get(i), other.parts.get(i));
            if (c != 0) {
                return c;
            }
        }
        if (parts.size() == other.parts.size()) {
            return Boolean.compare(upper, other.upper);
        }
        return parts.size() < other.parts.size() ? (upper ? 1 : -1) : (other.upper ? -1 : 1);
    }
}
