/**
 * The in-process CDC runner: {@link dev.excalibur.cdc.dynamodb.processor.CdcProcessor} delivers
 * every stream record to a handler at least once, in order per shard (and so per item), with
 * checkpoints and shard leases in a {@link dev.excalibur.cdc.dynamodb.state.CdcStateStore}, so
 * several instances share a stream and a restart resumes after the last handled change.
 */
@NullMarked
package dev.excalibur.cdc.dynamodb.processor;

import org.jspecify.annotations.NullMarked;
