package dev.excalibur.cdc.dynamodb;

/** The handler failed on a change after its last attempt and no dead-letter handler took it: the CDC runner stopped there. */
public final class CdcProcessingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String shardId;
    private final String sequenceNumber;

    /**
     * The runner {@code runner} stopped at {@code sequenceNumber} of {@code shardId} after
     * {@code attempts} handler calls failed, the last with {@code cause}.
     */
    public CdcProcessingException(String runner, String shardId, String sequenceNumber, int attempts, Throwable cause) {
        super(
                "CDC '" + runner + "' stopped: the handler failed " + attempts + " time(s) on shard " + shardId
                        + " at sequence number " + sequenceNumber + "; the checkpoint stays before it",
                cause);
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
    }

    /** The shard of the change. */
    public String shardId() {
        return shardId;
    }

    /** The sequence number of the first change not handled. */
    public String sequenceNumber() {
        return sequenceNumber;
    }
}
