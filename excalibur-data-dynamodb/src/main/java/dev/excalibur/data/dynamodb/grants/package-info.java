/** Grants and activity-group grants in a DynamoDB table: {@link dev.excalibur.data.dynamodb.grants.DynamoDbGrantStore}. */
@NullMarked
package dev.excalibur.data.dynamodb.grants;

import org.jspecify.annotations.NullMarked;
