package dev.excalibur.cdc.dynamodb.state;

import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoints and leases of CDC processors, per processor name and shard. Every change is a
 * conditional write: a lease is taken only when it is free, expired or already the taker's, and a
 * checkpoint is written only under the current lease (its counter fences out earlier holders).
 * Implementations are thread-safe.
 */
public interface CdcStateStore {

    /** Every shard entry of a processor. */
    List<ShardState> shards(String processor);

    /**
     * Takes the lease of a shard (creating its entry if needed) for {@code duration}.
     *
     * @return the lease, or empty if another owner holds an unexpired lease
     */
    Optional<ShardLease> acquire(String processor, String streamArn, String shardId, String owner, Duration duration);

    /** Extends a lease by {@code duration} from now; false if it was lost. */
    boolean renew(ShardLease lease, Duration duration);

    /**
     * Writes a shard's checkpoint under a lease and adds {@code recordsHandled} to its count.
     *
     * @throws LeaseLostException if the lease was taken by another owner or released
     */
    void checkpoint(ShardLease lease, ShardCheckpoint checkpoint, long recordsHandled);

    /** Gives a lease up so another owner may take it at once; does nothing if it was lost. */
    void release(ShardLease lease);

    /** Forgets a finished shard that no owner holds; does nothing otherwise. */
    void removeFinished(String processor, String shardId);

    /** Forgets every shard of a processor; true if there was any. */
    boolean delete(String processor);
}
