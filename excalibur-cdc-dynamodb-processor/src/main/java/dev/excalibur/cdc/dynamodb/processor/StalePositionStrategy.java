package dev.excalibur.cdc.dynamodb.processor;

/** What a processor does when a checkpoint can no longer be read (older than 24 h, shard or stream gone). */
public enum StalePositionStrategy {
    /** Stop with the stale position error; the checkpoint stays as it is. */
    FAIL,
    /** Restart the stale shard from its oldest retained record (records may be delivered again). */
    RESTART_FROM_TRIM_HORIZON,
    /** Skip to the newest records: what the shard and its descendants held before the reset is skipped. */
    RESTART_FROM_LATEST,
    /** Ask the configured {@link StalePositionCallback} which of the other strategies to follow. */
    ASK_CALLBACK
}
