package dev.excalibur.dynamodb.engine.internal.transport;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
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

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** How the bridge turns the engine's answers and failures into the service's wire answers. */
class EngineBridgeTest {

    /** A stand-in engine whose few operations answer or fail in the ways the bridge must write. */
    private static final class ScriptedEngine implements DynamoDbClient {
        @Override
        public ListTablesResponse listTables(ListTablesRequest request) {
            return ListTablesResponse.builder().tableNames("a", request.exclusiveStartTableName()).build();
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
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ConditionalCheckFailedException")
                            .errorMessage("The conditional request failed").build())
                    .statusCode(400).build();
        }

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            String message = "Transaction cancelled, please refer cancellation reasons for specific reasons [None]";
            throw TransactionCanceledException.builder().message(message)
                    .cancellationReasons(CancellationReason.builder().code("None").build())
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException").errorMessage(message).build())
                    .statusCode(400).build();
        }

        @Override
        public DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
            throw new UnsupportedOperationException("limits are not modeled");
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static final class NoStreams implements DynamoDbStreamsClient {
        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private final EngineBridge bridge = new EngineBridge(new ScriptedEngine(), new NoStreams());

    private Answer post(String target, String body) {
        return bridge.handle(target, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void readsTheRequestAndWritesTheResponseAsJson() {
        Answer answer = post("DynamoDB_20120810.ListTables", "{\"ExclusiveStartTableName\":\"b\"}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(body(answer)).isEqualTo("{\"TableNames\":[\"a\",\"b\"]}");
    }

    @Test
    void answersAMissingTargetWithTheBareUnknownOperationCode() {
        Answer answer = post(null, "{}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(body(answer)).isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
    }

    @Test
    void answersATargetNamingNoOperationWithTheBareUnknownOperationCode() {
        assertThat(body(post("DynamoDB_20120810.ListTable", "{}")))
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
        assertThat(body(post("whatever", "{}")))
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
    }

    @Test
    void answersAnOperationLeftToTheSdkDefaultAsUnknownWithTheServiceMessage() {
        Answer dynamoDb = post("DynamoDB_20120810.ListBackups", "{}");
        Answer streams = post("DynamoDBStreams_20120810.ListStreams", "{}");

        for (Answer answer : new Answer[] {dynamoDb, streams}) {
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(body(answer)).isEqualTo(
                    "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\",\"message\":\"Unknown operation exception\"}");
        }
    }

    @Test
    void answersAnUnsupportedOperationThrownByEngineCodeAsAnInternalFailure() {
        Answer answer = post("DynamoDB_20120810.DescribeLimits", "{}");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(body(answer)).contains("InternalServerError", "limits are not modeled");
    }

    @Test
    void answersMalformedJsonWithTheBareSerializationCode() {
        Answer answer = post("DynamoDB_20120810.ListTables", "hi");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(body(answer)).isEqualTo("{\"__type\":\"com.amazon.coral.service#SerializationException\"}");
    }

    @Test
    void writesAServiceErrorWithItsCodeMessageAndModeledFields() {
        Answer answer = post("DynamoDB_20120810.PutItem", "{\"TableName\":\"t\",\"Item\":{\"pk\":{\"S\":\"k\"}}}");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(body(answer)).isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                + "\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"k\"}}}");
    }

    @Test
    void writesTheMessageWithACapitalMWhereTheServiceModelDoes() {
        Answer answer = post("DynamoDB_20120810.TransactWriteItems", "{\"TransactItems\":[]}");

        assertThat(body(answer)).startsWith("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                        + "\"Message\":\"Transaction cancelled")
                .endsWith("\"CancellationReasons\":[{\"Code\":\"None\"}]}");
    }

    @Test
    void answersAnInternalFailureWith500NamingIt() {
        Answer answer = post("DynamoDB_20120810.GetItem", "{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"k\"}}}");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(body(answer)).isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
                + "\"message\":\"Internal server error: java.lang.IllegalStateException: broken index\"}");
    }

    @Test
    void headsEveryAnswerWithRequestIdAndTheBodysCrc32() {
        Answer answer = post("DynamoDB_20120810.ListTables", "{}");
        CRC32 crc = new CRC32();
        crc.update(answer.body());

        assertThat(answer.headers(Answer.JSON_1_0))
                .containsEntry("Content-Type", "application/x-amz-json-1.0")
                .containsEntry("x-amz-crc32", Long.toString(crc.getValue()))
                .hasEntrySatisfying("x-amzn-RequestId", id -> assertThat(id).matches("[0-9A-Z]{52}"));
        assertThat(post("DynamoDB_20120810.ListTables", "{}").requestId()).isNotEqualTo(answer.requestId());
    }

    @Test
    void reachesTheEngineThroughAnSdkClientWithTheSameErrors() {
        try (InProcessHttpClient http = new InProcessHttpClient(bridge, Runnable::run);
             DynamoDbClient client = SdkClients.configure(DynamoDbClient.builder(), java.net.URI.create("http://engine.test"),
                     software.amazon.awssdk.regions.Region.US_EAST_1).httpClient(http).build()) {
            assertThat(client.listTables(b -> b.exclusiveStartTableName("z")).tableNames()).containsExactly("a", "z");
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ConditionalCheckFailedException.class,
                    () -> client.putItem(b -> b.tableName("t").item(Map.of("pk", AttributeValue.fromS("k"))))).item())
                    .containsEntry("pk", AttributeValue.fromS("k"));
            DynamoDbException internal = org.assertj.core.api.Assertions.catchThrowableOfType(DynamoDbException.class,
                    () -> client.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("k")))));
            assertThat(internal.statusCode()).isEqualTo(500);
            assertThat(internal.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
        }
    }
}
