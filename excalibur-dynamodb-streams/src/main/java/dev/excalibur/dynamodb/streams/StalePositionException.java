package dev.excalibur.dynamodb.streams;

import org.jspecify.annotations.Nullable;

/**
 * A stream position that can no longer be read: its records are older than the stream's 24 h
 * retention, its shard is gone, or the stream was replaced by a new one. Reading on needs a
 * decision (restart from the oldest retained record, or from the newest).
 */
public final class StalePositionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String streamArn;
    private final @Nullable String shardId;
    private final @Nullable String sequenceNumber;

    /**
     * @param streamArn      the stream
     * @param shardId        the shard, or null when the whole stream is replaced
     * @param sequenceNumber the position that cannot be read, or null
     * @param reason         why, for the message
     * @param cause          the service's error, or null
     */
    public StalePositionException(
            String streamArn,
            @Nullable String shardId,
            @Nullable String sequenceNumber,
            String reason,
            @Nullable Throwable cause) {
        super(
                "stale stream position: " + reason + " (stream " + streamArn
                        + (shardId == null ? "" : ", shard " + shardId)
                        + (sequenceNumber == null ? "" : ", after sequence number " + sequenceNumber) + ")",
                cause);
        this.streamArn = streamArn;
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
    }

    /** The stream whose position is stale. */
    public String streamArn() {
        return streamArn;
    }

    /** The shard whose position is stale, or null when the whole stream is replaced. */
    public @Nullable String shardId() {
        return shardId;
    }

    /** The sequence number that can no longer be read after, or null. */
    public @Nullable String sequenceNumber() {
        return sequenceNumber;
    }
}
