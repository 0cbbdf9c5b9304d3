package dev.excalibur.cdc.dynamodb.state;

import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a state store holds for one shard of one processor.
 *
 * @param processor        the processor name
 * @param shardId          the shard
 * @param streamArn        the stream the shard belongs to
 * @param checkpoint       how far the shard was handled
 * @param updatedAt        when the checkpoint was last written
 * @param recordsProcessed records handled on this shard, in total
 * @param owner            the worker holding the lease, or null
 * @param leaseExpiresAt   when the lease ends unless renewed (meaningful with an owner)
 * @param leaseCounter     raised each time the lease is taken; fences out earlier holders
 */
public record ShardState(
        String processor,
        String shardId,
        @Nullable String streamArn,
        ShardCheckpoint checkpoint,
        @Nullable Instant updatedAt,
        long recordsProcessed,
        @Nullable String owner,
        @Nullable Instant leaseExpiresAt,
        long leaseCounter) {

    /** True if an owner holds the lease at {@code now}. */
    public boolean leasedAt(Instant now) {
        return owner != null && leaseExpiresAt != null && leaseExpiresAt.isAfter(now);
    }
}
