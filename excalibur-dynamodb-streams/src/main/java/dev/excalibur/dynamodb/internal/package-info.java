/**
 * Internal: what Excalibur's DynamoDB modules share (the retry policy, table provisioning). Not an API: it changes
 * without notice.
 */
package dev.excalibur.dynamodb.internal;
