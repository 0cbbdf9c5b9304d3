/**
 * Spring Boot auto-configuration of the Excalibur DynamoDB provider (properties under
 * {@code excalibur.dynamodb}), its snapshot and grant stores, a CDC runner, and health indicators.
 * The same package in the Boot 4 starter and in the Boot 3.5 starter: an application has one of them.
 */
@NullMarked
package dev.excalibur.dynamodb.spring;

import org.jspecify.annotations.NullMarked;
