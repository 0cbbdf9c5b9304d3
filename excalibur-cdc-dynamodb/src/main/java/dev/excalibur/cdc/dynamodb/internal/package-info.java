/**
 * Internal: what the CDC runners (in-process processor, KCL worker, Lambda handler) share: the
 * conversion of stream records to changes, the delivery policy, the meters and the checked settings. Not an API: it changes without notice.
 */
package dev.excalibur.cdc.dynamodb.internal;
