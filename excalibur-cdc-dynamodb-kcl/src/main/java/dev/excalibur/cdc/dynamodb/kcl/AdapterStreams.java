package dev.excalibur.cdc.dynamodb.kcl;

import dev.excalibur.data.dynamodb.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;

/**
 * The synchronous DynamoDB Streams client the Kinesis adapter reads with, over the caller's
 * asynchronous one (each call waits for its answer; an SDK error is thrown as the SDK error).
 *
 * <p>For a stream of DynamoDB Local it also translates ARNs: DynamoDB Local names the region
 * {@code ddblocal} in them, and the adapter (2.0.1) refuses an ARN whose region is not an AWS
 * region when it turns its lease keys back into ARNs. The adapter then sees each stream ARN with
 * the client's region (us-east-1 if that is not an AWS region either), and DynamoDB Local gets its
 * own back. ARNs of real streams pass unchanged.
 */
final class AdapterStreams implements DynamoDbStreamsClient {

    private static final String LOCAL = ":dynamodb:ddblocal:";

    private final DynamoDbStreamsAsyncClient streams;
    private final UnaryOperator<String> toAdapter;
    private final UnaryOperator<String> toService;

    private AdapterStreams(DynamoDbStreamsAsyncClient streams, UnaryOperator<String> toAdapter, UnaryOperator<String> toService) {
        this.streams = streams;
        this.toAdapter = toAdapter;
        this.toService = toService;
    }

    /** The adapter's client for reading {@code streamArn} with {@code streams}. */
    static AdapterStreams of(DynamoDbStreamsAsyncClient streams, String streamArn) {
        if (!streamArn.contains(LOCAL)) {
            return new AdapterStreams(streams, UnaryOperator.identity(), UnaryOperator.identity());
        }
        Region region = streams.serviceClientConfiguration().region();
        String adapterRegion = ":dynamodb:" + (Region.regions().contains(region) ? region : Region.US_EAST_1).id() + ":";
        return new AdapterStreams(streams, arn -> arn == null ? null : arn.replace(LOCAL, adapterRegion),
                arn -> arn == null ? null : arn.replace(adapterRegion, LOCAL));
    }

    /** A stream ARN as the adapter sees it. */
    String toAdapter(String streamArn) {
        return toAdapter.apply(streamArn);
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        DescribeStreamResponse response = join(streams.describeStream(
                request.toBuilder().streamArn(toService.apply(request.streamArn())).build()));
        return response.toBuilder()
                .streamDescription(response.streamDescription().toBuilder()
                        .streamArn(toAdapter(response.streamDescription().streamArn())).build())
                .build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return join(streams.getShardIterator(request.toBuilder().streamArn(toService.apply(request.streamArn())).build()));
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return join(streams.getRecords(request));
    }

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        ListStreamsResponse response = join(streams.listStreams(request.toBuilder()
                .exclusiveStartStreamArn(toService.apply(request.exclusiveStartStreamArn())).build()));
        return response.toBuilder()
                .streams(response.streams().stream().map(s -> s.toBuilder().streamArn(toAdapter(s.streamArn())).build()).toList())
                .lastEvaluatedStreamArn(toAdapter(response.lastEvaluatedStreamArn()))
                .build();
    }

    @Override
    public String serviceName() {
        return streams.serviceName();
    }

    @Override
    public DynamoDbStreamsServiceClientConfiguration serviceClientConfiguration() {
        return streams.serviceClientConfiguration();
    }

    /** The caller's client stays open. */
    @Override
    public void close() {
    }

    private static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            throw RetryPolicy.unwrap(e) instanceof RuntimeException cause ? cause : e;
        }
    }
}
