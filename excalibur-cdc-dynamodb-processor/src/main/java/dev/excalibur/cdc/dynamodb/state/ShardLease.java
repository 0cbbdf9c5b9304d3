package dev.excalibur.cdc.dynamodb.state;

import dev.excalibur.dynamodb.streams.ShardCheckpoint;

/**
 * A lease on a shard: the right to process it and write its checkpoint while {@code counter} is
 * the store's current lease counter.
 *
 * @param processor  the processor name
 * @param shardId    the shard
 * @param owner      the worker holding it
 * @param counter    the lease counter when it was taken
 * @param checkpoint the shard's checkpoint when it was taken
 */
public record ShardLease(String processor, String shardId, String owner, long counter, ShardCheckpoint checkpoint) {}
