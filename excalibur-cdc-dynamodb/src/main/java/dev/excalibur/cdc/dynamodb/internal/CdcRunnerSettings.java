package dev.excalibur.cdc.dynamodb.internal;

import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.CdcDeadLetterHandler;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.CdcRunnerBuilder;
import dev.excalibur.cdc.dynamodb.CdcStartPosition;
import dev.excalibur.cdc.dynamodb.DocumentDecoder;
import dev.excalibur.data.InternalApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * The settings every CDC runner shares, as {@link CdcRunnerBuilder} checked them: an immutable
 * copy a runner keeps, so its builder can be reused. The meaning of each is on the builder's setter
 * of the same name; {@code workerId} is the one set or, when none was, a random UUID chosen for this
 * runner; {@code meterRegistry} and {@code documentDecoder} may be null (no meters, no documents).
 */
@InternalApi
public record CdcRunnerSettings(
        String tableName,
        String streamArn,
        DynamoDbAsyncClient client,
        DynamoDbStreamsAsyncClient streamsClient,
        CdcHandler handler,
        CdcBatchHandler batchHandler,
        CdcDeadLetterHandler deadLetterHandler,
        int handlerAttempts,
        Duration handlerRetryDelay,
        int maxBatchSize,
        Duration pollInterval,
        Duration leaseDuration,
        CdcStartPosition startPosition,
        String workerId,
        MeterRegistry meterRegistry,
        DocumentDecoder documentDecoder) {}
