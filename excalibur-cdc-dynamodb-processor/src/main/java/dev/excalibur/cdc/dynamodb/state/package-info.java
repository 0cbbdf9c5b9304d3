/**
 * CDC state stores: per processor and shard a checkpoint and a lease (owner, expiry, fencing
 * counter) changed only by conditional writes, in a DynamoDB table or in memory.
 */
@NullMarked
package dev.excalibur.cdc.dynamodb.state;

import org.jspecify.annotations.NullMarked;
