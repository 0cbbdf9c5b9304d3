package dev.excalibur.dynamodb.engine.internal.streams;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Shard iterators: opaque strings (URL-safe Base64) carrying the stream, the shard, the position (the sequence to
 * read from, or the trim horizon), when the iterator was issued (engine time) and the registry's dilation count then.
 * Internal to the engine.
 */
final class ShardIterators {

    /** The position of an iterator that starts at the oldest untrimmed record, wherever that is when it is used. */
    static final long TRIM_HORIZON = Long.MIN_VALUE;

    private static final int MAX_LENGTH = 2048;
    private static final String VERSION = "e1";

    record Position(String streamArn, String shardId, long from, Instant issued, long dilations) {}

    private ShardIterators() {}

    static String encode(Position position) {
        String plain = String.join(
                "|",
                VERSION,
                position.streamArn(),
                position.shardId(),
                Long.toString(position.from()),
                Long.toString(position.issued().toEpochMilli()),
                Long.toString(position.dilations()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position an iterator string carries; a {@code ValidationException} when it is not one the engine issued. */
    static Position decode(String iterator) {
        if (iterator.isEmpty() || iterator.length() > MAX_LENGTH) {
            throw validation("1 validation error detected: Value '" + iterator
                    + "' at 'shardIterator' failed to satisfy constraint: Member must have length "
                    + (iterator.isEmpty() ? "greater than or equal to 1" : "less than or equal to 2048"));
        }
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 6 && parts[0].equals(VERSION)) {
                return new Position(
                        parts[1],
                        parts[2],
                        Long.parseLong(parts[3]),
                        Instant.ofEpochMilli(Long.parseLong(parts[4])),
                        Long.parseLong(parts[5]));
            }
        } catch (IllegalArgumentException e) {
            // not Base64, or not numbers where numbers belong: answered below
        }
        // Documentation is silent on a malformed iterator; the engine answers as DynamoDB Local does.
        throw validation("Invalid ShardIterator");
    }
}
