/**
 * Internal: reading DynamoDB Streams for Excalibur's change feed and CDC runners. Shard discovery
 * (paged), shard lineage (a child is read only after its parent is drained), shard readers that
 * re-acquire expired iterators and detect trimmed positions. Not an API: it changes without notice.
 */
package dev.excalibur.dynamodb.streams.internal;
