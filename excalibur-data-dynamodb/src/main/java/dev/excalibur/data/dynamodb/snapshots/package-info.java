/** Aggregate snapshots in a DynamoDB table: {@link dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore}. */
package dev.excalibur.data.dynamodb.snapshots;
