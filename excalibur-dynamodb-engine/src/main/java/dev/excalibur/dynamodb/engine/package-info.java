/**
 * An in-memory DynamoDB and DynamoDB Streams inside the JVM, reached through real AWS SDK v2 clients
 * ({@link dev.excalibur.dynamodb.engine.DynamoDbEngine}) or over HTTP
 * ({@link dev.excalibur.dynamodb.engine.DynamoDbEngineServer}), with server-side fault rules and a request log.
 */
@NullMarked
package dev.excalibur.dynamodb.engine;

import org.jspecify.annotations.NullMarked;
