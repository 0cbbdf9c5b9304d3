package dev.excalibur.cdc.dynamodb.kcl;

import dev.excalibur.data.internal.Futures;
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

/**
 * The synchronous DynamoDB Streams client the Kinesis adapter reads with, over the caller's
 * asynchronous one (each call waits for its answer; an SDK error is thrown as the SDK error), so
 * both CDC runners are built from the same clients.
 */
final class AdapterStreams implements DynamoDbStreamsClient {

    private final DynamoDbStreamsAsyncClient streams;

    AdapterStreams(DynamoDbStreamsAsyncClient streams) {
        this.streams = streams;
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        return Futures.join(streams.describeStream(request));
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return Futures.join(streams.getShardIterator(request));
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return Futures.join(streams.getRecords(request));
    }

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        return Futures.join(streams.listStreams(request));
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
    public void close() {}
}
