/**
 * Change data capture over DynamoDB Streams: {@link dev.excalibur.cdc.dynamodb.CdcProcessor}
 * delivers every stream record to a handler at least once, in order per shard (and so per item),
 * with checkpoints and shard leases in a {@link dev.excalibur.cdc.dynamodb.state.CdcStateStore}.
 */
package dev.excalibur.cdc.dynamodb;
