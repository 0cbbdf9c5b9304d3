/**
 * Positions in a DynamoDB stream that CDC state stores keep and stale-position handlers receive:
 * {@link dev.excalibur.dynamodb.streams.ShardCheckpoint} and
 * {@link dev.excalibur.dynamodb.streams.StalePositionException}. The stream reading itself is
 * internal to Excalibur's change feed and CDC runners.
 */
@NullMarked
package dev.excalibur.dynamodb.streams;

import org.jspecify.annotations.NullMarked;
