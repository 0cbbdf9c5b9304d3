/**
 * CDC on a fleet: {@link dev.excalibur.cdc.dynamodb.kcl.KclCdcWorker} runs the handlers of
 * {@code dev.excalibur.cdc.dynamodb} under the Kinesis Client Library 3 through the DynamoDB
 * Streams Kinesis adapter, with KCL's lease table and checkpoints.
 */
@NullMarked
package dev.excalibur.cdc.dynamodb.kcl;

import org.jspecify.annotations.NullMarked;
