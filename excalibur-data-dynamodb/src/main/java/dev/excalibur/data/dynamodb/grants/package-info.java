/** Grants and activity-group grants in a DynamoDB table: {@link dev.excalibur.data.dynamodb.grants.DynamoDbGrantStore}. */
package dev.excalibur.data.dynamodb.grants;
