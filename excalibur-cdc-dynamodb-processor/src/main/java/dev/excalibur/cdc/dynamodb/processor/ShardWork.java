package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.cdc.dynamodb.state.ShardLease;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.streams.internal.StreamShard;

/**
 * A shard this instance holds a lease on: where its work starts, and until when the lease holds
 * by this instance's own clock (measured from before the last acquire or renew request).
 */
final class ShardWork {
    final StreamShard shard;
    final ShardLease lease;
    final ShardCheckpoint start;
    /** Read from the newest record on (a start at latest whose position is taken at the first read). */
    final boolean atLatest;

    private volatile boolean leaseLost;
    private volatile long validUntil;

    ShardWork(StreamShard shard, ShardLease lease, ShardCheckpoint start, boolean atLatest, long validUntil) {
        this.shard = shard;
        this.lease = lease;
        this.start = start;
        this.atLatest = atLatest;
        this.validUntil = validUntil;
    }

    /** The lease was renewed; it now holds until {@code validUntil} (nanoseconds of the processor's clock). */
    void renewed(long validUntil) {
        this.validUntil = validUntil;
    }

    /** The lease is gone (taken by another instance, or not renewed in time): work on the shard must stop. */
    void leaseLost() {
        leaseLost = true;
    }

    boolean isLeaseLost() {
        return leaseLost;
    }

    /** True once the lease ran out at {@code now} without a renewal. */
    boolean expiredAt(long now) {
        return now - validUntil >= 0;
    }
}
