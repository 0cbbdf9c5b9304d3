package dev.excalibur.cdc.dynamodb.kcl;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

/**
 * DynamoDB Local's streams as the DynamoDB Streams Kinesis adapter can read them. DynamoDB Local
 * names the region {@code ddblocal} in its stream ARNs, and the adapter (2.0.1) refuses an ARN
 * whose region is not an AWS region when it turns its lease keys back into ARNs. This client shows
 * the adapter each stream ARN with a real region in its place and gives DynamoDB Local back its own.
 */
final class DynamoDbLocalStreams implements DynamoDbStreamsClient {

    private static final String LOCAL = ":dynamodb:ddblocal:";

    private final DynamoDbStreamsClient local;
    private final String region;

    private DynamoDbLocalStreams(DynamoDbStreamsClient local, Region region) {
        this.local = local;
        this.region = ":dynamodb:" + (Region.regions().contains(region) ? region : Region.US_EAST_1).id() + ":";
    }

    /** True for a stream of DynamoDB Local. */
    static boolean isLocal(String streamArn) {
        return streamArn.contains(LOCAL);
    }

    /** The client to give the adapter for a stream of DynamoDB Local, with the region the adapter sees. */
    static DynamoDbLocalStreams wrap(DynamoDbStreamsClient local) {
        return new DynamoDbLocalStreams(local, local.serviceClientConfiguration().region());
    }

    /** The stream ARN as the adapter sees it. */
    String toAdapter(String streamArn) {
        return streamArn == null ? null : streamArn.replace(LOCAL, region);
    }

    private String toLocal(String streamArn) {
        return streamArn == null ? null : streamArn.replace(region, LOCAL);
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        DescribeStreamResponse response = local.describeStream(request.toBuilder().streamArn(toLocal(request.streamArn())).build());
        return response.toBuilder()
                .streamDescription(response.streamDescription().toBuilder()
                        .streamArn(toAdapter(response.streamDescription().streamArn())).build())
                .build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return local.getShardIterator(request.toBuilder().streamArn(toLocal(request.streamArn())).build());
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return local.getRecords(request);
    }

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        ListStreamsResponse response = local.listStreams(request.toBuilder()
                .exclusiveStartStreamArn(toLocal(request.exclusiveStartStreamArn())).build());
        return response.toBuilder()
                .streams(response.streams().stream().map(s -> s.toBuilder().streamArn(toAdapter(s.streamArn())).build()).toList())
                .lastEvaluatedStreamArn(toAdapter(response.lastEvaluatedStreamArn()))
                .build();
    }

    @Override
    public String serviceName() {
        return local.serviceName();
    }

    @Override
    public DynamoDbStreamsServiceClientConfiguration serviceClientConfiguration() {
        return local.serviceClientConfiguration();
    }

    /** The wrapped client belongs to the caller and stays open. */
    @Override
    public void close() {
    }
}
