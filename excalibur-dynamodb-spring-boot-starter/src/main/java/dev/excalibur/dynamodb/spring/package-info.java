/**
 * Spring Boot auto-configuration of the Excalibur DynamoDB provider (properties under
 * {@code excalibur.dynamodb}), its snapshot and grant stores, and an Actuator health indicator.
 */
package dev.excalibur.dynamodb.spring;
