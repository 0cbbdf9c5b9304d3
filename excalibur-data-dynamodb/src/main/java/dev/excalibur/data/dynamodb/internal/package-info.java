/**
 * Internal: what the provider and its snapshot and grant stores share (the call pipeline, error
 * translation, store keys, item sizes). Not an API: it changes without notice.
 */
package dev.excalibur.data.dynamodb.internal;
