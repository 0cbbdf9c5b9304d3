package dev.excalibur.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** The engine served over HTTP: the server's life cycle, its SDK clients, and answers equal to the in-process ones. */
class DynamoDbEngineServerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:15:30Z"), ZoneOffset.UTC);
    private static DynamoDbEngine engine;
    private static DynamoDbEngineServer server;

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.builder().clock(CLOCK).build();
        server = DynamoDbEngineServer.create(engine, 0).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @Test
    void listsOnAFreeLoopbackPortWhenAskedForPortZero() {
        assertThat(server.port()).isPositive();
        assertThat(server.endpoint()).hasToString("http://127.0.0.1:" + server.port());
    }

    @Test
    void hasNoEndpointBeforeItStarts() {
        DynamoDbEngineServer unstarted = DynamoDbEngineServer.create(engine, 0);

        assertThatThrownBy(unstarted::endpoint)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start()");
        assertThatThrownBy(unstarted::client).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToStartTwice() {
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAPortOutsideTheTcpRange() {
        assertThatThrownBy(() -> DynamoDbEngineServer.create(engine, 65536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsAPortInUse() {
        DynamoDbEngineServer second = DynamoDbEngineServer.create(engine, server.port());

        assertThatThrownBy(second::start)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(Integer.toString(server.port()));
    }

    @Test
    void stopsListeningWhenClosedAndLeavesTheEngineOpen() {
        DynamoDbEngineServer other = DynamoDbEngineServer.create(engine, 0).start();
        int port = other.port();
        other.close();
        other.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(other::client)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the server is closed");
        assertThatThrownBy(() -> engine.client().listBackups(b -> {}))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Unknown operation exception");
    }

    @Test
    void givesTheSdkOverHttpTheServiceErrors() {
        DynamoDbException sync = catchThrowableOfType(
                DynamoDbException.class, () -> server.client().listBackups(b -> {}));
        CompletionException async = catchThrowableOfType(
                CompletionException.class,
                () -> server.asyncClient().listBackups(b -> {}).join());

        assertThat(sync.statusCode()).isEqualTo(400);
        assertThat(sync.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
        assertThat(sync.awsErrorDetails().errorMessage()).isEqualTo("Unknown operation exception");
        assertThat(async.getCause())
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        error ->
                                assertThat(error.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesManyConcurrentWritersOverHttp() {
        server.client()
                .createTable(b -> b.tableName("concurrent")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));

        List<CompletableFuture<?>> puts = IntStream.range(0, 300)
                .mapToObj(i -> server.asyncClient()
                        .putItem(b -> b.tableName("concurrent").item(Map.of("pk", AttributeValue.fromS("k" + i)))))
                .collect(Collectors.toList());
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();

        assertThat(server.client()
                        .scan(b -> b.tableName("concurrent").select(Select.COUNT))
                        .count())
                .isEqualTo(300);
    }

    @Test
    void givesTheSdkOverHttpResourceNotFoundForAMissingTable() {
        ResourceNotFoundException missing = catchThrowableOfType(
                ResourceNotFoundException.class,
                () -> server.client()
                        .getItem(b -> b.tableName("missing").key(Map.of("pk", AttributeValue.fromS("k")))));

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found");
    }

    @Test
    void writesResourceNotFoundOnTheWireAsTheServiceDoes() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(server.endpoint())
                                .header("X-Amz-Target", "DynamoDB_20120810.GetItem")
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"TableName\":\"missing\",\"Key\":{\"pk\":{\"S\":\"k\"}}}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo(
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"Requested resource not found\"}");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    /**
     * A session of calls whose answers are deterministic on a fixed clock; each is reduced to what
     * both transports must agree on (a response's members, or an error's status, code and message).
     */
    @SuppressWarnings("unchecked")
    private static List<Object> session(DynamoDbClient client) {
        String table = "same_answers";
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("k"));
        List<Function<DynamoDbClient, Object>> calls = List.of(
                c -> c.getItem(b -> b.tableName(table).key(key)),
                c -> c
                        .createTable(b -> b.tableName(table)
                                .billingMode(BillingMode.PAY_PER_REQUEST)
                                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                        .tableDescription()
                        .toBuilder()
                        .tableId(null)
                        .build(),
                c -> c.putItem(b -> b.tableName(table)
                        .item(Map.of("pk", AttributeValue.fromS("k"), "n", AttributeValue.fromN("1.50")))),
                c -> c.getItem(b -> b.tableName(table).key(key)),
                c -> c.putItem(b -> b.tableName(table).item(key).conditionExpression("attribute_not_exists(pk)")),
                c -> c.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :k")
                        .expressionAttributeValues(Map.of(":k", key.get("pk")))),
                c -> c.deleteItem(b -> b.tableName(table).key(key).returnValues("ALL_OLD")),
                c -> c.listBackups(b -> {}));
        List<Object> answers = new ArrayList<>();
        for (Function<DynamoDbClient, Object> call : calls) {
            try {
                Object answer = call.apply(client);
                answers.add(answer instanceof SdkPojo response ? members(response) : answer);
            } catch (DynamoDbException e) {
                answers.add(List.of(
                        e.statusCode(),
                        String.valueOf(e.awsErrorDetails().errorCode()),
                        String.valueOf(e.awsErrorDetails().errorMessage())));
            }
        }
        return answers;
    }

    /** A response's members by name (a response's own equals also compares its HTTP metadata, such as the request id). */
    private static Map<String, Object> members(SdkPojo response) {
        Map<String, Object> members = new TreeMap<>();
        for (SdkField<?> field : response.sdkFields()) {
            members.put(field.memberName(), field.getValueOrDefault(response));
        }
        return members;
    }

    @Test
    void answersOverHttpAsItAnswersInProcess() {
        try (DynamoDbEngine inProcess = DynamoDbEngine.builder().clock(CLOCK).build();
                DynamoDbEngine served = DynamoDbEngine.builder().clock(CLOCK).build();
                DynamoDbEngineServer http =
                        DynamoDbEngineServer.create(served, 0).start()) {
            List<Object> direct = session(inProcess.client());
            List<Object> overHttp = session(http.client());

            assertThat(overHttp).hasSize(8).isEqualTo(direct);
            assertThat(direct.get(2))
                    .as("the engine answered the put")
                    .isEqualTo(members(PutItemResponse.builder().build()));
        }
    }
}
