package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.dynamodb.streams.StalePositionException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A reset of a stale position, as reported to the reset listener.
 *
 * @param processor  the processor name
 * @param shardId    the shard reset, or null when the whole stream was replaced
 * @param stale      the stale position error (stream, shard, sequence number)
 * @param strategy   what was done: restart from the trim horizon or from latest
 * @param detectedAt when it happened
 */
public record CdcPositionReset(
        String processor,
        @Nullable String shardId,
        StalePositionException stale,
        StalePositionStrategy strategy,
        Instant detectedAt) {}
