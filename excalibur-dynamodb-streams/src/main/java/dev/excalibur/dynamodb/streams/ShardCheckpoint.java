package dev.excalibur.dynamodb.streams;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How far a shard has been read.
 *
 * @param sequenceNumber the last record handled, or null if none yet
 * @param finished       true once the shard was closed and read to its end
 * @param skipBefore     while no record was handled: records created before this time (to the
 *                       second) are skipped; null to read from the oldest retained record
 */
public record ShardCheckpoint(
        @Nullable String sequenceNumber,
        boolean finished,
        @Nullable Instant skipBefore) {

    /** Nothing handled yet: read from the oldest retained record. */
    public static final ShardCheckpoint UNREAD = new ShardCheckpoint(null, false, null);

    /** Right after the record with this sequence number. */
    public static ShardCheckpoint after(String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isEmpty()) {
            throw new IllegalArgumentException("sequenceNumber must not be empty");
        }
        return new ShardCheckpoint(sequenceNumber, false, null);
    }

    /** Nothing handled yet: read the records created at or after {@code time}. */
    public static ShardCheckpoint unreadSince(Instant time) {
        return new ShardCheckpoint(null, false, time);
    }

    /** This checkpoint's shard is read to its end. */
    public ShardCheckpoint toFinished() {
        return new ShardCheckpoint(sequenceNumber, true, sequenceNumber == null ? skipBefore : null);
    }
}
