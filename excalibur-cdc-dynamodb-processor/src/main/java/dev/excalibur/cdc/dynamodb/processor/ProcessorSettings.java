package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.cdc.dynamodb.internal.CdcRunnerSettings;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link CdcProcessor} beyond those every runner shares, as its builder holds
 * them: an immutable copy, so the builder can be reused. The meaning of each is on the builder's
 * setter of the same name; {@code stalePositionCallback} and {@code resetListener} may be null.
 */
record ProcessorSettings(
        String name,
        CdcStateStore stateStore,
        int maxConcurrentShards,
        StalePositionStrategy stalePositionStrategy,
        @Nullable StalePositionCallback stalePositionCallback,
        @Nullable Consumer<CdcPositionReset> resetListener,
        @Nullable Duration leaseRenewInterval,
        Duration shardDiscoveryInterval,
        Duration checkpointInterval) {

    /** {@code leaseRenewInterval} as set, or when missing a third of a positive {@code leaseDuration} (else null). */
    static @Nullable Duration leaseRenewInterval(
            @Nullable Duration leaseRenewInterval, @Nullable Duration leaseDuration) {
        return leaseRenewInterval != null || !positive(leaseDuration) ? leaseRenewInterval : leaseDuration.dividedBy(3);
    }

    /** Adds a line to {@code problems} for each setting that is missing, out of range or at odds with {@code shared}. */
    void check(CdcRunnerSettings shared, List<String> problems) {
        if (name == null || name.isBlank()) {
            problems.add("name must not be blank");
        }
        if ((shared.streamArn() == null || shared.streamArn().isBlank()) && shared.client() == null) {
            problems.add(
                    "client is required to find the stream of table '" + shared.tableName() + "' (or give streamArn)");
        }
        if (stateStore == null) {
            problems.add("stateStore is required (DynamoDbCdcStateStore or InMemoryCdcStateStore)");
        }
        if (maxConcurrentShards < 1 || maxConcurrentShards > 1000) {
            problems.add("maxConcurrentShards must be between 1 and 1000 but was " + maxConcurrentShards);
        }
        if (!positive(shardDiscoveryInterval)) {
            problems.add("shardDiscoveryInterval must be positive but was " + shardDiscoveryInterval);
        }
        if (checkpointInterval == null || checkpointInterval.isNegative()) {
            problems.add("checkpointInterval must not be negative but was " + checkpointInterval);
        }
        if (!positive(leaseRenewInterval)) {
            problems.add("leaseRenewInterval must be positive but was " + leaseRenewInterval);
        } else if (shared.leaseDuration() != null && leaseRenewInterval.compareTo(shared.leaseDuration()) >= 0) {
            problems.add("leaseRenewInterval (" + leaseRenewInterval + ") must be shorter than leaseDuration ("
                    + shared.leaseDuration() + ")");
        }
        if (stalePositionStrategy == null) {
            problems.add("stalePositionStrategy must not be null");
        } else if (stalePositionStrategy == StalePositionStrategy.ASK_CALLBACK && stalePositionCallback == null) {
            problems.add("stalePositionStrategy ASK_CALLBACK needs a stalePositionCallback");
        }
    }

    private static boolean positive(@Nullable Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
