/**
 * Change data capture over DynamoDB Streams, the part every runner shares: the handler contract
 * ({@link dev.excalibur.cdc.dynamodb.CdcHandler}, {@link dev.excalibur.cdc.dynamodb.CdcBatchHandler},
 * {@link dev.excalibur.cdc.dynamodb.CdcChange}), what happens when a handler fails, and the runner
 * contract ({@link dev.excalibur.cdc.dynamodb.CdcRunner}). The runners live in their own modules: the
 * in-process processor with checkpoints and leases ({@code excalibur-cdc-dynamodb-processor}), a KCL
 * fleet ({@code excalibur-cdc-dynamodb-kcl}) and AWS Lambda ({@code excalibur-cdc-dynamodb-lambda}).
 */
@NullMarked
package dev.excalibur.cdc.dynamodb;

import org.jspecify.annotations.NullMarked;
