package dev.excalibur.dynamodb.engine.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** How the bridge turns the engine's answers and failures into the service's wire answers. */
class EngineBridgeTest {

    private final EngineBridge bridge = ScriptedEngine.bridge();

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
            assertThat(body(answer))
                    .isEqualTo(
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
        assertThat(body(answer))
                .isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                        + "\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"k\"}}}");
    }

    @Test
    void writesTheMessageWithACapitalMWhereTheServiceModelDoes() {
        Answer answer = post("DynamoDB_20120810.TransactWriteItems", "{\"TransactItems\":[]}");

        assertThat(body(answer))
                .startsWith("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                        + "\"Message\":\"Transaction cancelled")
                .endsWith("\"CancellationReasons\":[{\"Code\":\"None\"}]}");
    }

    @Test
    void answersAnInternalFailureWith500NamingIt() {
        Answer answer = post("DynamoDB_20120810.GetItem", "{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"k\"}}}");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(body(answer))
                .isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\","
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
                DynamoDbClient client = SdkClients.configure(
                                DynamoDbClient.builder(),
                                java.net.URI.create("http://engine.test"),
                                software.amazon.awssdk.regions.Region.US_EAST_1)
                        .httpClient(http)
                        .build()) {
            assertThat(client.listTables(b -> b.exclusiveStartTableName("z")).tableNames())
                    .containsExactly("a", "z");
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                                    ConditionalCheckFailedException.class,
                                    () -> client.putItem(
                                            b -> b.tableName("t").item(Map.of("pk", AttributeValue.fromS("k")))))
                            .item())
                    .containsEntry("pk", AttributeValue.fromS("k"));
            DynamoDbException internal = org.assertj.core.api.Assertions.catchThrowableOfType(
                    DynamoDbException.class,
                    () -> client.getItem(b -> b.tableName("t").key(Map.of("pk", AttributeValue.fromS("k")))));
            assertThat(internal.statusCode()).isEqualTo(500);
            assertThat(internal.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
        }
    }
}
