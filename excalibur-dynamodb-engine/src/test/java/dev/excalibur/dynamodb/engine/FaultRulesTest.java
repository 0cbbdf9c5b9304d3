package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.definition;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.key;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Server-side fault rules, seen through SDK clients in-process and over HTTP: the exception, error code, message
 * and status each fault answers, which requests a rule matches and how often it fires, and that a refused request
 * changed nothing (an apply-then-fail request changed the table exactly once).
 */
class FaultRulesTest {

    private static final String PROVISIONED =
            "The level of configured provisioned throughput for the table was exceeded. "
                    + "Consider increasing your provisioning level with the UpdateTable API.";

    private static DynamoDbEngine engine;
    private static DynamoDbEngineServer server;

    /** How a test reaches the engine. */
    enum Via {
        IN_PROCESS,
        HTTP;

        DynamoDbClient client() {
            return this == IN_PROCESS ? engine.client() : server.client();
        }

        DynamoDbStreamsClient streams() {
            return this == IN_PROCESS ? engine.streamsClient() : server.streamsClient();
        }
    }

    @BeforeAll
    static void start() {
        engine = DynamoDbEngine.create();
        server = DynamoDbEngineServer.create(engine, 0).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
    }

    @BeforeEach
    void freshEngine() {
        engine.reset();
        createTable("Orders");
        createTable("Other");
        engine.clearRequests();
    }

    private static void createTable(String name) {
        engine.client()
                .createTable(b -> b.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                        .keySchema(key("pk", KeyType.HASH)));
    }

    private static void put(DynamoDbClient client, String table, Object... pairs) {
        client.putItem(b -> b.tableName(table).item(item(pairs)));
    }

    private static Map<String, AttributeValue> get(String table, String pk) {
        Map<String, AttributeValue> found = engine.client()
                .getItem(b -> b.tableName(table).key(Map.of("pk", s(pk))).consistentRead(true))
                .item();
        return found.isEmpty() ? null : found;
    }

    private static long count(String operation) {
        return engine.requests().stream()
                .filter(r -> operation.equals(r.operation()))
                .count();
    }

    // ------------------------------------------------------------------ the faults and what the caller sees

    static Stream<Arguments> refusals() {
        return Stream.of(Via.values())
                .flatMap(via -> Stream.of(
                        Arguments.of(
                                via,
                                (Supplier<FaultRule>)
                                        () -> FaultRule.on("PutItem").throttle(),
                                ProvisionedThroughputExceededException.class,
                                400,
                                "ProvisionedThroughputExceededException",
                                PROVISIONED),
                        Arguments.of(
                                via,
                                (Supplier<FaultRule>)
                                        () -> FaultRule.on("PutItem").throttlingException(),
                                ThrottlingException.class,
                                400,
                                "ThrottlingException",
                                "Rate of requests exceeds the allowed throughput."),
                        Arguments.of(
                                via,
                                (Supplier<FaultRule>)
                                        () -> FaultRule.on("PutItem").requestLimitExceeded(),
                                RequestLimitExceededException.class,
                                400,
                                "RequestLimitExceeded",
                                "Throughput exceeds the current throughput limit for your account. "
                                        + "To request a limit increase, contact AWS Support at https://aws.amazon.com/support."),
                        Arguments.of(
                                via,
                                (Supplier<FaultRule>)
                                        () -> FaultRule.on("PutItem").internalServerError(),
                                InternalServerErrorException.class,
                                500,
                                "InternalServerError",
                                "Internal server error"),
                        Arguments.of(
                                via,
                                (Supplier<FaultRule>)
                                        () -> FaultRule.on("PutItem").serviceUnavailable(),
                                DynamoDbException.class,
                                503,
                                "ServiceUnavailable",
                                "DynamoDB is currently unavailable. (This should be a temporary state.)"),
                        Arguments.of(
                                via,
                                (Supplier<FaultRule>)
                                        () -> FaultRule.on("PutItem").limitExceeded(),
                                LimitExceededException.class,
                                400,
                                "LimitExceededException",
                                "Too many operations for a given subscriber."),
                        Arguments.of(
                                via,
                                (Supplier<FaultRule>)
                                        () -> FaultRule.on("PutItem").transactionConflict(),
                                TransactionConflictException.class,
                                400,
                                "TransactionConflictException",
                                "Transaction is ongoing for the item")));
    }

    @ParameterizedTest(name = "{0}: {3} {4}")
    @MethodSource("refusals")
    void aRefusalAnswersTheServicesErrorAndChangesNothing(
            Via via,
            Supplier<FaultRule> rule,
            Class<? extends DynamoDbException> type,
            int status,
            String code,
            String message) {
        engine.faults().add(rule.get());

        DynamoDbException error = catchThrowableOfType(type, () -> put(via.client(), "Orders", "pk", "a"));

        assertThat(error).as("expected %s", type.getSimpleName()).isNotNull();
        assertThat(error.statusCode()).isEqualTo(status);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(message);
        assertThat(get("Orders", "a")).isNull();
        assertThat(engine.requests())
                .filteredOn(r -> "PutItem".equals(r.operation()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(status);
                    assertThat(r.errorCode()).isEqualTo(code);
                    assertThat(r.tables()).containsExactly("Orders");
                });
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void throttledReadsAndWritesNameTheirReasonAndTable(Via via) {
        engine.faults()
                .add(FaultRule.on("PutItem").throttle())
                .add(FaultRule.on("Query").requestLimitExceeded());

        ProvisionedThroughputExceededException write = catchThrowableOfType(
                ProvisionedThroughputExceededException.class, () -> put(via.client(), "Orders", "pk", "a"));
        RequestLimitExceededException read = catchThrowableOfType(
                RequestLimitExceededException.class,
                () -> via.client()
                        .query(b -> b.tableName("Other")
                                .keyConditionExpression("pk = :a")
                                .expressionAttributeValues(Map.of(":a", s("a")))));

        assertThat(write.throttlingReasons())
                .containsExactly(ThrottlingReason.builder()
                        .reason("TableWriteProvisionedThroughputExceeded")
                        .resource("arn:aws:dynamodb:us-east-1:123456789012:table/Orders")
                        .build());
        assertThat(read.throttlingReasons())
                .containsExactly(ThrottlingReason.builder()
                        .reason("TableReadAccountLimitExceeded")
                        .resource("arn:aws:dynamodb:us-east-1:123456789012:table/Other")
                        .build());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aRuleFiresItsTimesThenIsRemoved(Via via) {
        FaultRule rule = FaultRule.on("PutItem").table("Orders").times(3).throttle();
        engine.faults().add(rule);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> put(via.client(), "Orders", "pk", "a"))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
        }
        assertThat(get("Orders", "a")).isNull();
        assertThat(engine.faults().rules()).isEmpty();
        put(via.client(), "Orders", "pk", "a");

        assertThat(get("Orders", "a")).isEqualTo(item("pk", "a"));
        assertThat(engine.requests())
                .filteredOn(r -> "PutItem".equals(r.operation()))
                .extracting(EngineRequest::errorCode)
                .containsExactly(
                        "ProvisionedThroughputExceededException",
                        "ProvisionedThroughputExceededException",
                        "ProvisionedThroughputExceededException",
                        null);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aRuleFiresExactlyItsTimesUnderConcurrentRequests(Via via) throws Exception {
        engine.faults().add(FaultRule.on("PutItem").times(10).throttle());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> throttled = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String pk = "k" + i;
                throttled.add(pool.submit(() -> {
                    try {
                        put(via.client(), "Orders", "pk", pk);
                        return false;
                    } catch (ProvisionedThroughputExceededException e) {
                        return true;
                    }
                }));
            }
            long refused = 0;
            for (Future<Boolean> outcome : throttled) {
                refused += outcome.get() ? 1 : 0;
            }

            assertThat(refused).isEqualTo(10);
            assertThat(engine.client().scan(b -> b.tableName("Orders")).count()).isEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void sdkRetriesOfThrottledRequestsAreCountedByTheLog(Via via) {
        engine.faults().add(FaultRule.on("PutItem").times(2).throttle());
        DynamoDbClientBuilder builder = via == Via.IN_PROCESS
                ? engine.configure(DynamoDbClient.builder())
                : server.configure(DynamoDbClient.builder());
        try (DynamoDbClient retrying = builder.overrideConfiguration(
                        o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(3)
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                                .build()))
                .build()) {
            put(retrying, "Orders", "pk", "a", "v", 1);
        }

        assertThat(count("PutItem")).isEqualTo(3);
        assertThat(get("Orders", "a")).isEqualTo(item("pk", "a", "v", 1));
    }

    // ------------------------------------------------------------------ matching

    @ParameterizedTest
    @EnumSource(Via.class)
    void aRuleForATableLeavesOtherTablesAndOperationsAlone(Via via) {
        engine.faults().add(FaultRule.on("PutItem").table("Orders").internalServerError());

        put(via.client(), "Other", "pk", "a");
        via.client().getItem(b -> b.tableName("Orders").key(Map.of("pk", s("a"))));
        assertThatThrownBy(() -> via.client()
                        .putItem(b -> b.tableName(engine.client()
                                        .describeTable(d -> d.tableName("Orders"))
                                        .table()
                                        .tableArn())
                                .item(item("pk", "a"))))
                .as("a table named by its ARN")
                .isInstanceOf(InternalServerErrorException.class);

        assertThat(get("Other", "a")).isNotNull();
        assertThat(get("Orders", "a")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aRuleForAKeyRefusesOnlyRequestsNamingThatItem(Via via) {
        engine.faults().add(FaultRule.onAnyOperation().key("pk", s("hot")).throttle());

        put(via.client(), "Orders", "pk", "cold");
        assertThatThrownBy(() -> put(via.client(), "Orders", "pk", "hot"))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThatThrownBy(() -> via.client().getItem(b -> b.tableName("Orders").key(Map.of("pk", s("hot")))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        via.client().scan(b -> b.tableName("Orders"));
        engine.faults().clear();

        assertThat(get("Orders", "cold")).isNotNull();
        assertThat(get("Orders", "hot")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aSeededProbabilityFiresOnTheSameRequestsEveryRun(Via via) {
        List<Boolean> first =
                failures(via, FaultRule.on("GetItem").probability(0.5, 7).internalServerError());
        engine.faults().clear();
        List<Boolean> second =
                failures(via, FaultRule.on("GetItem").probability(0.5, 7).internalServerError());

        assertThat(second).isEqualTo(first);
        assertThat(first).contains(true, false);
    }

    private static List<Boolean> failures(Via via, FaultRule rule) {
        engine.faults().add(rule);
        List<Boolean> failed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            try {
                via.client().getItem(b -> b.tableName("Orders").key(Map.of("pk", s("a"))));
                failed.add(false);
            } catch (InternalServerErrorException e) {
                failed.add(true);
            }
        }
        return failed;
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void latencyDelaysTheAnswerAndOtherRulesStillApply(Via via) {
        engine.faults()
                .add(FaultRule.onAnyOperation().latency(Duration.ofMillis(300)))
                .add(FaultRule.on("PutItem").once().throttle());

        long start = System.nanoTime();
        assertThatThrownBy(() -> put(via.client(), "Orders", "pk", "a"))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        long throttled = System.nanoTime();
        put(via.client(), "Orders", "pk", "a");
        long served = System.nanoTime();

        assertThat(Duration.ofNanos(throttled - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(Duration.ofNanos(served - throttled)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(get("Orders", "a")).isNotNull();
    }

    @Test
    void removedAndClearedRulesNoLongerFire() {
        FaultRule puts = FaultRule.on("PutItem").throttle();
        FaultRule gets = FaultRule.on("GetItem").throttle();
        engine.faults().add(puts).add(gets);

        assertThat(engine.faults().rules()).containsExactly(puts, gets);
        assertThat(engine.faults().remove(puts)).isTrue();
        assertThat(engine.faults().remove(puts)).isFalse();
        put(engine.client(), "Orders", "pk", "a");
        engine.faults().clear();

        assertThat(get("Orders", "a")).isNotNull();
        assertThat(engine.faults().rules()).isEmpty();
    }

    @Test
    void aRuleRefusesShapesItCannotApplyTo() {
        assertThatThrownBy(() -> FaultRule.on("PutItem").unprocessed(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.on("BatchWriteItem").unprocessed(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.on("GetItem").transactionConflict())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.on("PutItem").times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.on("PutItem").probability(0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.on("Putitem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Putitem'");
        assertThat(FaultRule.on("GetRecords").expiredIterator().operation()).isEqualTo("GetRecords");
        assertThatThrownBy(() -> FaultRule.onAnyOperation().latency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ apply-then-fail, conflicts, batches

    @ParameterizedTest
    @EnumSource(Via.class)
    void applyThenFailAppliesTheRequestExactlyOnceAndAnswersA500(Via via) {
        put(engine.client(), "Orders", "pk", "a", "count", 0);
        engine.faults().add(FaultRule.on("UpdateItem").once().applyThenFail());

        InternalServerErrorException error = catchThrowableOfType(
                InternalServerErrorException.class,
                () -> via.client()
                        .updateItem(b -> b.tableName("Orders")
                                .key(Map.of("pk", s("a")))
                                .updateExpression("ADD #c :one")
                                .expressionAttributeNames(Map.of("#c", "count"))
                                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))));

        assertThat(error.statusCode()).isEqualTo(500);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
        assertThat(get("Orders", "a")).isEqualTo(item("pk", "a", "count", 1));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aTransactionConflictCancelsTheTransactionWithAReasonOnTheConflictingAction(Via via) {
        engine.faults()
                .add(FaultRule.on("TransactWriteItems")
                        .table("Orders")
                        .key("pk", s("b"))
                        .transactionConflict());

        TransactionCanceledException error = catchThrowableOfType(
                TransactionCanceledException.class,
                () -> via.client()
                        .transactWriteItems(b -> b.transactItems(
                                TransactWriteItem.builder()
                                        .put(p -> p.tableName("Orders").item(item("pk", "a")))
                                        .build(),
                                TransactWriteItem.builder()
                                        .put(p -> p.tableName("Orders").item(item("pk", "b")))
                                        .build())));

        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorMessage())
                .isEqualTo(
                        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]");
        assertThat(error.cancellationReasons())
                .extracting(CancellationReason::code)
                .containsExactly("None", "TransactionConflict");
        assertThat(error.cancellationReasons().get(1).message()).isEqualTo("Transaction is ongoing for the item");
        assertThat(get("Orders", "a")).isNull();
        assertThat(get("Orders", "b")).isNull();
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aBatchWriteLeavesTheLastEntriesUnprocessedAndAppliesTheRest(Via via) {
        engine.faults().add(FaultRule.on("BatchWriteItem").once().unprocessed(2));
        List<WriteRequest> orders = IntStream.range(0, 3)
                .mapToObj(i -> WriteRequest.builder()
                        .putRequest(
                                PutRequest.builder().item(item("pk", "o" + i)).build())
                        .build())
                .toList();
        WriteRequest other = WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item("pk", "x")).build())
                .build();

        BatchWriteItemResponse response =
                via.client().batchWriteItem(b -> b.requestItems(Map.of("Orders", orders, "Other", List.of(other))));

        List<WriteRequest> unprocessed = response.unprocessedItems().values().stream()
                .flatMap(List::stream)
                .toList();
        assertThat(unprocessed).hasSize(2);
        int applied = 0;
        for (WriteRequest write : List.of(orders.get(0), orders.get(1), orders.get(2), other)) {
            String table = write == other ? "Other" : "Orders";
            boolean stored = get(table, write.putRequest().item().get("pk").s()) != null;
            assertThat(stored).as("%s applied unless unprocessed", write).isEqualTo(!unprocessed.contains(write));
            applied += stored ? 1 : 0;
        }
        assertThat(applied).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    @SuppressWarnings("unchecked")
    void aBatchGetLeavesKeysOfTheRulesTableUnprocessedWithTheRequestsReadSettings(Via via) {
        put(engine.client(), "Orders", "pk", "a", "v", 1);
        put(engine.client(), "Orders", "pk", "b", "v", 2);
        put(engine.client(), "Other", "pk", "c", "v", 3);
        engine.faults().add(FaultRule.on("BatchGetItem").table("Orders").unprocessed(5));

        BatchGetItemResponse response = via.client()
                .batchGetItem(b -> b.requestItems(Map.of(
                        "Orders",
                                KeysAndAttributes.builder()
                                        .keys(Map.of("pk", s("a")), Map.of("pk", s("b")))
                                        .consistentRead(true)
                                        .projectionExpression("v")
                                        .build(),
                        "Other",
                                KeysAndAttributes.builder()
                                        .keys(Map.of("pk", s("c")))
                                        .build())));

        assertThat(response.responses()).containsOnlyKeys("Other");
        assertThat(response.unprocessedKeys()).containsOnlyKeys("Orders");
        KeysAndAttributes left = response.unprocessedKeys().get("Orders");
        assertThat(left.keys()).containsExactlyInAnyOrder(Map.of("pk", s("a")), Map.of("pk", s("b")));
        assertThat(left.consistentRead()).isTrue();
        assertThat(left.projectionExpression()).isEqualTo("v");
    }

    @Test
    void aBatchOfOneEntryIsNeverLeftUnprocessed() {
        engine.faults().add(FaultRule.on("BatchWriteItem").unprocessed(1));

        BatchWriteItemResponse response = engine.client()
                .batchWriteItem(b -> b.requestItems(Map.of(
                        "Orders",
                        List.of(WriteRequest.builder()
                                .putRequest(PutRequest.builder()
                                        .item(item("pk", "a"))
                                        .build())
                                .build()))));

        assertThat(response.unprocessedItems()).isEmpty();
        assertThat(get("Orders", "a")).isNotNull();
    }

    // ------------------------------------------------------------------ DynamoDB Streams calls

    @ParameterizedTest
    @EnumSource(Via.class)
    void streamsCallsAnswerIteratorTrimmingAndLimitFaultsByStreamAndShard(Via via) {
        String streamArn = engine.client()
                .createTable(b -> b.tableName("Streamed")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                        .keySchema(key("pk", KeyType.HASH))
                        .streamSpecification(spec -> spec.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
                .tableDescription()
                .latestStreamArn();
        put(engine.client(), "Streamed", "pk", "a");
        engine.rolloverShards("Streamed");
        List<Shard> shards = via.streams()
                .describeStream(b -> b.streamArn(streamArn))
                .streamDescription()
                .shards();
        String parent = shards.stream()
                .filter(shard -> shard.parentShardId() == null)
                .findFirst()
                .orElseThrow()
                .shardId();
        String child = shards.stream()
                .filter(shard -> parent.equals(shard.parentShardId()))
                .findFirst()
                .orElseThrow()
                .shardId();
        engine.faults()
                .add(FaultRule.on("GetShardIterator").stream(streamArn)
                        .shard(parent)
                        .once()
                        .trimmedDataAccess())
                .add(FaultRule.on("GetRecords").shard(child).expiredIterator())
                .add(FaultRule.on("DescribeStream").table("Streamed").once().limitExceeded());

        TrimmedDataAccessException trimmed =
                catchThrowableOfType(TrimmedDataAccessException.class, () -> iterator(via, streamArn, parent));
        String parentIterator = iterator(via, streamArn, parent);
        String childIterator = iterator(via, streamArn, child);
        List<Record> records =
                via.streams().getRecords(b -> b.shardIterator(parentIterator)).records();
        ExpiredIteratorException expired = catchThrowableOfType(
                ExpiredIteratorException.class, () -> via.streams().getRecords(b -> b.shardIterator(childIterator)));
        LimitExceededException limited = catchThrowableOfType(
                LimitExceededException.class, () -> via.streams().describeStream(b -> b.streamArn(streamArn)));

        assertThat(trimmed.statusCode()).isEqualTo(400);
        assertThat(trimmed.awsErrorDetails().errorMessage())
                .isEqualTo("The data you are trying to access has been trimmed");
        assertThat(records).hasSize(1);
        assertThat(expired.statusCode()).isEqualTo(400);
        assertThat(expired.awsErrorDetails().errorMessage()).isEqualTo("Shard iterator has expired");
        assertThat(limited.awsErrorDetails().errorCode()).isEqualTo("LimitExceededException");
        assertThat(engine.requests())
                .filteredOn(r -> "GetRecords".equals(r.operation()))
                .extracting(EngineRequest::tables, EngineRequest::errorCode)
                .containsExactly(
                        tuple(List.of("Streamed"), null), tuple(List.of("Streamed"), "ExpiredIteratorException"));
    }

    private static String iterator(Via via, String streamArn, String shardId) {
        return via.streams()
                .getShardIterator(
                        b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
    }
}
