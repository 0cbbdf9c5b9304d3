/**
 * Change data capture on AWS Lambda: {@link dev.excalibur.cdc.dynamodb.lambda.CdcLambdaHandler}
 * is a Lambda function on a DynamoDB stream that hands the records to the same
 * {@link dev.excalibur.cdc.dynamodb.CdcHandler} or {@link dev.excalibur.cdc.dynamodb.CdcBatchHandler}
 * as the CDC processor, and reports partial batch failures so that Lambda retries from the first
 * change that was not handled.
 */
@NullMarked
package dev.excalibur.cdc.dynamodb.lambda;

import org.jspecify.annotations.NullMarked;
