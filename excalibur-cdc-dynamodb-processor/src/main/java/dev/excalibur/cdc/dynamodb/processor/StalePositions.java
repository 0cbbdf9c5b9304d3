package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.cdc.dynamodb.internal.CdcMetrics;
import dev.excalibur.cdc.dynamodb.state.ShardLease;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.streams.StalePositionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a stale position (a checkpoint whose records are gone) comes to under the processor's
 * {@link StalePositionStrategy}: the processor fails, or the position is reset and the reset is
 * counted, logged and told to the reset listener.
 */
final class StalePositions {

    private static final Logger LOG = LoggerFactory.getLogger(CdcProcessor.class);

    private final ProcessorSettings settings;
    private final CdcMetrics metrics;
    private final ProcessorClock clock;
    private final Consumer<Throwable> fail;

    /**
     * @param fail stops the processor with a failure
     */
    StalePositions(ProcessorSettings settings, CdcMetrics metrics, ProcessorClock clock, Consumer<Throwable> fail) {
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.fail = fail;
    }

    /**
     * The strategy to go on with (a restart), or null when it is {@link StalePositionStrategy#FAIL}:
     * then the processor is failed with {@code stale}. A callback that answers nothing usable means FAIL.
     */
    @Nullable
    StalePositionStrategy resolve(StalePositionException stale) {
        StalePositionStrategy strategy = settings.stalePositionStrategy();
        if (strategy == StalePositionStrategy.ASK_CALLBACK) {
            strategy = settings.stalePositionCallback().decide(settings.name(), stale);
            if (strategy == null || strategy == StalePositionStrategy.ASK_CALLBACK) {
                strategy = StalePositionStrategy.FAIL;
            }
        }
        if (strategy == StalePositionStrategy.FAIL) {
            fail.accept(stale);
            return null;
        }
        return strategy;
    }

    /** Applies the strategy to a shard under its lease; the checkpoint to go on from, or null (failed). */
    @Nullable
    ShardCheckpoint reset(StalePositionException stale, ShardLease lease) {
        StalePositionStrategy strategy = resolve(stale);
        if (strategy == null) {
            return null;
        }
        ShardCheckpoint reset = strategy == StalePositionStrategy.RESTART_FROM_TRIM_HORIZON
                ? ShardCheckpoint.UNREAD
                : ShardCheckpoint.unreadSince(clock.instant());
        settings.stateStore().checkpoint(lease, reset, 0);
        reported(lease.shardId(), stale, strategy);
        return reset;
    }

    /** Counts, logs and tells the reset listener about a reset of a shard (or, with a null shard, of the whole stream). */
    void reported(@Nullable String shardId, StalePositionException stale, StalePositionStrategy strategy) {
        CdcPositionReset reset = new CdcPositionReset(settings.name(), shardId, stale, strategy, clock.instant());
        metrics.reset();
        LOG.warn("CDC processor '{}': stale position reset with {}: {}", settings.name(), strategy, stale.getMessage());
        if (settings.resetListener() != null) {
            try {
                settings.resetListener().accept(reset);
            } catch (RuntimeException e) {
                LOG.warn("CDC processor '{}': reset listener failed", settings.name(), e);
            }
        }
    }
}
