/**
 * {@link dev.excalibur.dynamodb.spring.test.DynamoDbTest}: a Spring Boot test slice of the starter's
 * auto-configurations on an embedded DynamoDB engine.
 */
@NullMarked
package dev.excalibur.dynamodb.spring.test;

import org.jspecify.annotations.NullMarked;
