package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.definition;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.key;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** The request log: what it keeps of each answered request, in-process and over HTTP, its bound, snapshots and clearing. */
class RequestLogTest {

    private final EngineFixture.TestClock clock = new EngineFixture.TestClock();
    private DynamoDbEngine engine;

    @BeforeEach
    void start() {
        engine = DynamoDbEngine.builder().clock(clock).build();
        createTable(engine.client(), "Orders");
        createTable(engine.client(), "Other");
        engine.clearRequests();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH)));
    }

    /** A raw JSON POST with {@code target} as the X-Amz-Target header, as a client the SDK does not guard sends it. */
    private static HttpResponse<String> post(HttpClient http, DynamoDbEngineServer server, String target, String body)
            throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.endpoint().resolve(URI.create("/")))
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("X-Amz-Target", target)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void logsOperationTablesEngineTimeStatusAndErrorCodeOfEachAnswer() {
        Instant first = clock.instant();
        engine.client().putItem(b -> b.tableName("Orders").item(item("pk", "a")));
        clock.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() ->
                        engine.client().getItem(b -> b.tableName("Missing").key(Map.of("pk", s("a")))))
                .isInstanceOf(ResourceNotFoundException.class);
        engine.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() ->
                        engine.client().putItem(b -> b.tableName("Orders").item(item("x", "no key"))))
                .isInstanceOf(DynamoDbException.class);

        List<EngineRequest> log = engine.requests();

        assertThat(log).extracting(EngineRequest::operation).containsExactly("PutItem", "GetItem", "PutItem");
        assertThat(log)
                .extracting(EngineRequest::tables)
                .containsExactly(List.of("Orders"), List.of("Missing"), List.of("Orders"));
        assertThat(log)
                .extracting(EngineRequest::time)
                .containsExactly(first, first.plusSeconds(5), first.plusSeconds(65));
        assertThat(log).extracting(EngineRequest::statusCode).containsExactly(200, 400, 400);
        assertThat(log)
                .extracting(EngineRequest::errorCode)
                .containsExactly(null, "ResourceNotFoundException", "ValidationException");
        assertThat(log).extracting(EngineRequest::succeeded).containsExactly(true, false, false);
        assertThat(log).allSatisfy(r -> assertThat(r.requestId()).hasSize(52));
    }

    @Test
    @SuppressWarnings("unchecked")
    void namesEveryTableOfBatchesAndTransactionsOnceInRequestOrder() {
        engine.client()
                .transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("Other").item(item("pk", "a")))
                                .build(),
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("Orders").item(item("pk", "a")))
                                .build(),
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("Other").item(item("pk", "b")))
                                .build()));
        engine.client()
                .batchGetItem(b -> b.requestItems(Map.of(
                        "Orders",
                        KeysAndAttributes.builder().keys(Map.of("pk", s("a"))).build())));
        engine.client().listTables();

        assertThat(engine.requests())
                .extracting(EngineRequest::tables)
                .containsExactly(List.of("Other", "Orders"), List.of("Orders"), List.of());
    }

    @Test
    void logsRequestsOverHttpIncludingOnesTheEngineCouldNotRead() throws Exception {
        try (DynamoDbEngineServer server =
                DynamoDbEngineServer.create(engine, 0).start()) {
            server.client().putItem(b -> b.tableName("Orders").item(item("pk", "a")));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> unreadable = post(http, server, "DynamoDB_20120810.PutItem", "not json");
            HttpResponse<String> unknown = post(http, server, "Nothing.Here", "{}");

            assertThat(unreadable.statusCode()).isEqualTo(400);
            assertThat(unknown.statusCode()).isEqualTo(400);
        }

        assertThat(engine.requests())
                .extracting(EngineRequest::operation, EngineRequest::tables, EngineRequest::errorCode)
                .containsExactly(
                        tuple("PutItem", List.of("Orders"), null),
                        tuple("PutItem", List.of(), "SerializationException"),
                        tuple("Nothing.Here", List.of(), "UnknownOperationException"));
    }

    @Test
    void answersWhetherARequestWasSent() {
        engine.client()
                .query(b -> b.tableName("Orders")
                        .keyConditionExpression("pk = :a")
                        .expressionAttributeValues(Map.of(":a", s("a"))));

        assertThat(engine.requests())
                .extracting(EngineRequest::operation)
                .contains("Query")
                .doesNotContain("Scan");
    }

    @Test
    void logsEveryOneOfManyConcurrentRequests() throws Exception {
        try (DynamoDbEngineServer server =
                DynamoDbEngineServer.create(engine, 0).start()) {
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String pk = "k" + i;
                calls.add(
                        i % 2 == 0
                                ? engine.asyncClient()
                                        .putItem(b -> b.tableName("Orders").item(item("pk", pk)))
                                : server.asyncClient()
                                        .putItem(b -> b.tableName("Orders").item(item("pk", pk))));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
        }

        assertThat(engine.requests()).hasSize(100).allSatisfy(r -> {
            assertThat(r.operation()).isEqualTo("PutItem");
            assertThat(r.succeeded()).isTrue();
        });
        assertThat(engine.requests()).extracting(EngineRequest::requestId).doesNotHaveDuplicates();
    }

    @Test
    void keepsOnlyTheLastRequestsOfItsSize() {
        try (DynamoDbEngine small = DynamoDbEngine.builder().requestLogSize(3).build()) {
            createTable(small.client(), "Small");
            for (int i = 0; i < 4; i++) {
                String pk = "k" + i;
                small.client().putItem(b -> b.tableName("Small").item(item("pk", pk)));
            }

            small.client().listTables();

            assertThat(small.requests())
                    .extracting(EngineRequest::operation)
                    .containsExactly("PutItem", "PutItem", "ListTables");
        }
        assertThatThrownBy(() -> DynamoDbEngine.builder().requestLogSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSnapshotIsImmutableAndDoesNotFollowLaterRequests() {
        engine.client().listTables();
        List<EngineRequest> snapshot = engine.requests();

        engine.client().listTables();

        assertThat(snapshot).hasSize(1);
        assertThat(engine.requests()).hasSize(2);
        assertThatThrownBy(() -> snapshot.add(snapshot.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void clearingEmptiesTheLogAndLaterRequestsAreLoggedAgain() {
        engine.client().listTables();

        engine.clearRequests();
        assertThat(engine.requests()).isEmpty();
        engine.client().describeTable(b -> b.tableName("Orders"));

        assertThat(engine.requests()).extracting(EngineRequest::operation).containsExactly("DescribeTable");
    }
}
