package dev.excalibur.data.snapshots;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The latest snapshot of each aggregate. A save never replaces a newer version: saves may arrive
 * in any order and from several writers, and the highest version stays. Arguments are checked
 * before any call to the store ({@link IllegalArgumentException}). A {@code tenantId} of null means
 * no tenant; one tenant never sees another's snapshots.
 */
public interface SnapshotStore {

    /** The latest snapshot of the aggregate, or empty (none, or it expired). */
    CompletableFuture<Optional<Snapshot>> getLatestSnapshot(
            String aggregateId, String aggregateType, @Nullable String tenantId);

    /** {@link #getLatestSnapshot(String, String, String)} without a tenant. */
    default CompletableFuture<Optional<Snapshot>> getLatestSnapshot(String aggregateId, String aggregateType) {
        return getLatestSnapshot(aggregateId, aggregateType, null);
    }

    /**
     * Saves the snapshot unless the store holds the same or a newer version of its aggregate.
     * Completes with true if it was saved, false if a version at least as new was kept.
     */
    CompletableFuture<Boolean> saveSnapshot(Snapshot snapshot);

    /** Deletes every snapshot of the aggregate (nothing to delete is fine). */
    CompletableFuture<Void> deleteSnapshots(String aggregateId, String aggregateType, @Nullable String tenantId);

    /** {@link #deleteSnapshots(String, String, String)} without a tenant. */
    default CompletableFuture<Void> deleteSnapshots(String aggregateId, String aggregateType) {
        return deleteSnapshots(aggregateId, aggregateType, null);
    }

    /** Deletes the aggregate's snapshots whose version is lower than {@code version}. */
    CompletableFuture<Void> deleteSnapshotsOlderThan(
            String aggregateId, String aggregateType, @Nullable String tenantId, long version);

    /** {@link #deleteSnapshotsOlderThan(String, String, String, long)} without a tenant. */
    default CompletableFuture<Void> deleteSnapshotsOlderThan(String aggregateId, String aggregateType, long version) {
        return deleteSnapshotsOlderThan(aggregateId, aggregateType, null, version);
    }
}
