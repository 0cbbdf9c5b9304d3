/**
 * Reading DynamoDB Streams: shard discovery (paged), shard lineage (a child is read only after
 * its parent is drained), shard readers that re-acquire expired iterators and detect trimmed
 * positions. One core serves the provider's change feed and the CDC processor.
 */
package dev.excalibur.data.dynamodb.streams;
