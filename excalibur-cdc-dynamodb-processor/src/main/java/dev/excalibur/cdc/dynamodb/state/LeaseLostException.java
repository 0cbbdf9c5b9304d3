package dev.excalibur.cdc.dynamodb.state;

/** A write under a lease that another worker has taken since (or that was released). */
public final class LeaseLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LeaseLostException(ShardLease lease) {
        super("lease on shard " + lease.shardId() + " of processor '" + lease.processor() + "' (counter "
                + lease.counter() + ") is no longer held by " + lease.owner());
    }
}
