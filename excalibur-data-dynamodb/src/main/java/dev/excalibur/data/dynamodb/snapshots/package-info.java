/** Aggregate snapshots in a DynamoDB table: {@link dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore}. */
@NullMarked
package dev.excalibur.data.dynamodb.snapshots;

import org.jspecify.annotations.NullMarked;
