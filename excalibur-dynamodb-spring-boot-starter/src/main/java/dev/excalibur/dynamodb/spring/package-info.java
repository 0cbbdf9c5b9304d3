/**
 * Spring Boot auto-configuration of the Excalibur DynamoDB provider (properties under
 * {@code excalibur.dynamodb}), its snapshot and grant stores, and an Actuator health indicator.
 */
@NullMarked
package dev.excalibur.dynamodb.spring;

import org.jspecify.annotations.NullMarked;
