/** The DynamoDB document provider: {@link dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider} and its options. */
@NullMarked
package dev.excalibur.data.dynamodb;

import org.jspecify.annotations.NullMarked;
