/**
 * DynamoDB for tests: {@link dev.excalibur.dynamodb.test.EmbeddedDynamoDb} (the in-process engine with
 * SDK clients), its JUnit 5 extension, client-side fault injection and a manual clock.
 */
@NullMarked
package dev.excalibur.dynamodb.test;

import org.jspecify.annotations.NullMarked;
