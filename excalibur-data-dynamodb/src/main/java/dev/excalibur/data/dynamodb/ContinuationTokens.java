package dev.excalibur.data.dynamodb;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Continuation tokens: the last evaluated key of a page, bound to the query that produced it.
 * A token is URL-safe Base64 of: version, the query's fingerprint (a digest of table, index, key
 * condition, filter and direction), the key attributes, and a checksum. A token that was altered,
 * that belongs to another query, or that names other attributes or another partition is refused.
 */
final class ContinuationTokens {

    private static final byte VERSION = 1;
    private static final int DIGEST_BYTES = 8;

    private ContinuationTokens() {}

    /**
     * The fingerprint of a query, what its tokens are bound to: table, index, key condition,
     * filter, direction and the names and values they use (not the page size or projection).
     */
    static byte[] fingerprint(
            String table,
            @Nullable String index,
            String keyCondition,
            @Nullable String filter,
            boolean forward,
            @Nullable Map<String, String> names,
            @Nullable Map<String, AttributeValue> values) {
        MessageDigest digest = sha256();
        update(digest, table);
        update(digest, index);
        update(digest, keyCondition);
        update(digest, filter);
        update(digest, String.valueOf(forward));
        if (names != null) {
            names.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> update(digest, e.getKey() + "=" + e.getValue()));
        }
        if (values != null) {
            values.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> update(digest, e.getKey() + "=" + e.getValue()));
        }
        return Arrays.copyOf(digest.digest(), DIGEST_BYTES);
    }

    /** The token for the last evaluated key of a page of the query with this fingerprint. */
    static String encode(byte[] fingerprint, Map<String, AttributeValue> lastEvaluatedKey) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.write(fingerprint);
            out.writeByte(lastEvaluatedKey.size());
            for (Map.Entry<String, AttributeValue> attribute : lastEvaluatedKey.entrySet()) {
                out.writeUTF(attribute.getKey());
                AttributeValue value = attribute.getValue();
                if (value.s() != null) {
                    out.writeByte('S');
                    out.writeUTF(value.s());
                } else if (value.n() != null) {
                    out.writeByte('N');
                    out.writeUTF(value.n());
                } else {
                    byte[] binary = value.b().asByteArrayUnsafe();
                    out.writeByte('B');
                    out.writeShort(binary.length);
                    out.write(binary);
                }
            }
            out.flush();
            return seal(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The start key a token stands for.
     *
     * @param keyAttributes  the key attributes a start key of this query has
     * @param partition      the partition key attribute and value the query reads
     * @throws IllegalArgumentException if the token is malformed, altered, or not from this query
     */
    static Map<String, AttributeValue> decode(
            String token,
            byte[] fingerprint,
            Set<String> keyAttributes,
            String partitionAttribute,
            AttributeValue partition) {
        byte[] body = unseal(token, 2 + DIGEST_BYTES, ContinuationTokens::invalid);
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body));
            if (in.readByte() != VERSION) {
                throw invalid("its version is unknown");
            }
            byte[] issuedFor = new byte[DIGEST_BYTES];
            in.readFully(issuedFor);
            if (!Arrays.equals(issuedFor, fingerprint)) {
                throw invalid(
                        "it was issued for another query (table, index, partition, key condition, filter or direction differ)");
            }
            int count = in.readUnsignedByte();
            Map<String, AttributeValue> key = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int type = in.readUnsignedByte();
                AttributeValue value;
                if (type == 'S') {
                    value = AttributeValue.fromS(in.readUTF());
                } else if (type == 'N') {
                    value = AttributeValue.fromN(in.readUTF());
                } else if (type == 'B') {
                    byte[] binary = new byte[in.readUnsignedShort()];
                    in.readFully(binary);
                    value = AttributeValue.fromB(SdkBytes.fromByteArray(binary));
                } else {
                    throw invalid("it holds an unknown value type");
                }
                key.put(name, value);
            }
            if (in.available() != 0
                    || !key.keySet().equals(keyAttributes)
                    || !partition.equals(key.get(partitionAttribute))) {
                throw invalid("its key does not belong to this query");
            }
            return key;
        } catch (IOException e) {
            throw invalid("it is malformed");
        }
    }

    /** URL-safe Base64 of the body followed by its checksum. */
    static String seal(byte[] body) {
        byte[] token = Arrays.copyOf(body, body.length + DIGEST_BYTES);
        System.arraycopy(checksum(body), 0, token, body.length, DIGEST_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /**
     * The body of a sealed token of at least {@code minimumBody} bytes.
     *
     * @throws IllegalArgumentException from {@code invalid} (given why) if the token is not
     *         Base64, too short, altered or truncated
     */
    static byte[] unseal(String token, int minimumBody, Function<String, IllegalArgumentException> invalid) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid.apply("it is not URL-safe Base64");
        }
        if (raw.length < minimumBody + DIGEST_BYTES) {
            throw invalid.apply("it is too short");
        }
        byte[] body = Arrays.copyOf(raw, raw.length - DIGEST_BYTES);
        if (!Arrays.equals(checksum(body), Arrays.copyOfRange(raw, body.length, raw.length))) {
            throw invalid.apply("it was altered or truncated");
        }
        return body;
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("continuationToken is not a token of this query: " + why
                + "; pass back the token a page of the same query returned");
    }

    private static byte[] checksum(byte[] body) {
        MessageDigest digest = sha256();
        digest.update(body);
        return Arrays.copyOf(digest.digest(), DIGEST_BYTES);
    }

    private static void update(MessageDigest digest, @Nullable String part) {
        byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
