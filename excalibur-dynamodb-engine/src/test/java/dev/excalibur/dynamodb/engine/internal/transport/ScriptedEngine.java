package dev.excalibur.dynamodb.engine.internal.transport;

import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A stand-in engine for transport tests: ListTables echoes its start name after {@code "a"}, PutItem
 * fails its condition with the item, TransactWriteItems is cancelled with one {@code None} reason,
 * GetItem fails inside the engine, DescribeLimits throws an {@link UnsupportedOperationException}
 * of its own; every other call is left to the SDK default.
 */
final class ScriptedEngine implements DynamoDbClient {

    /** A bridge to a scripted engine and a Streams API left wholly to the SDK defaults. */
    static EngineBridge bridge() {
        return new EngineBridge(new ScriptedEngine(), new DynamoDbStreamsClient() {
            @Override
            public String serviceName() {
                return DynamoDbStreamsClient.SERVICE_NAME;
            }

            @Override
            public void close() {}
        });
    }

    @Override
    public ListTablesResponse listTables(ListTablesRequest request) {
        return ListTablesResponse.builder()
                .tableNames("a", request.exclusiveStartTableName())
                .build();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        throw new IllegalStateException("broken index");
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        throw ConditionalCheckFailedException.builder()
                .message("The conditional request failed")
                .item(Map.of("pk", AttributeValue.fromS("k")))
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("ConditionalCheckFailedException")
                        .errorMessage("The conditional request failed")
                        .build())
                .statusCode(400)
                .build();
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        String message = "Transaction cancelled, please refer cancellation reasons for specific reasons [None]";
        throw TransactionCanceledException.builder()
                .message(message)
                .cancellationReasons(CancellationReason.builder().code("None").build())
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("TransactionCanceledException")
                        .errorMessage(message)
                        .build())
                .statusCode(400)
                .build();
    }

    @Override
    public DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
        throw new UnsupportedOperationException("limits are not modeled");
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
