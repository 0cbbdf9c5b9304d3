package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.n;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Many clients at once: transactions moving amounts between accounts (the total must never change, on any read),
 * optimistic conditional writes on one counter (exactly the successful ones count), and Queries, Scans and
 * TransactGetItems reading throughout. Runs for about two seconds.
 */
class ConcurrencyStressTest {

    private static final int ACCOUNTS = 8;
    private static final int START = 100;
    private static final long RUN_MILLIS = 2000;

    private final EngineFixture fixture = new EngineFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private long total(List<Map<String, AttributeValue>> accounts) {
        return accounts.stream()
                .mapToLong(a -> Long.parseLong(a.get("balance").n()))
                .sum();
    }

    private List<Map<String, AttributeValue>> queryAccounts() {
        QueryResponse response = fixture.client.query(b -> b.tableName("bank")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("accounts")))
                .consistentRead(true));
        return response.items();
    }

    @Test
    void keepsTheTotalConstantAndCountsEveryConditionalWrite() throws Exception {
        fixture.table("bank", ScalarAttributeType.S);
        for (int i = 0; i < ACCOUNTS; i++) {
            int account = i;
            fixture.client.putItem(
                    b -> b.tableName("bank").item(item("pk", "accounts", "sk", "a" + account, "balance", START)));
        }
        fixture.client.putItem(b -> b.tableName("bank").item(item("pk", "counter", "sk", "c", "version", 0)));
        long expectedTotal = (long) ACCOUNTS * START;
        long deadline = System.currentTimeMillis() + RUN_MILLIS;
        AtomicInteger transfers = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        AtomicInteger increments = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            workers.add(pool.submit(() -> {
                while (System.currentTimeMillis() < deadline) {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int from = random.nextInt(ACCOUNTS);
                    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    String amount = Integer.toString(1 + random.nextInt(60));
                    try {
                        fixture.client.transactWriteItems(b -> b.transactItems(
                                TransactWriteItem.builder()
                                        .update(u -> u.tableName("bank")
                                                .key(item("pk", "accounts", "sk", "a" + from))
                                                .updateExpression("SET balance = balance - :a")
                                                .conditionExpression("balance >= :a")
                                                .expressionAttributeValues(Map.of(":a", n(amount))))
                                        .build(),
                                TransactWriteItem.builder()
                                        .update(u -> u.tableName("bank")
                                                .key(item("pk", "accounts", "sk", "a" + to))
                                                .updateExpression("SET balance = balance + :a")
                                                .expressionAttributeValues(Map.of(":a", n(amount))))
                                        .build()));
                        transfers.incrementAndGet();
                    } catch (TransactionCanceledException e) {
                        cancelled.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (int t = 0; t < 3; t++) {
            workers.add(pool.submit(() -> {
                while (System.currentTimeMillis() < deadline) {
                    Map<String, AttributeValue> counter = fixture.client
                            .getItem(b -> b.tableName("bank")
                                    .key(item("pk", "counter", "sk", "c"))
                                    .consistentRead(true))
                            .item();
                    long version = Long.parseLong(counter.get("version").n());
                    try {
                        fixture.client.putItem(b -> b.tableName("bank")
                                .item(item("pk", "counter", "sk", "c", "version", version + 1))
                                .conditionExpression("version = :v")
                                .expressionAttributeValues(Map.of(":v", n(Long.toString(version)))));
                        increments.incrementAndGet();
                    } catch (ConditionalCheckFailedException e) {
                        // another writer won this version
                    }
                }
                return null;
            }));
        }
        for (int t = 0; t < 3; t++) {
            int kind = t;
            workers.add(pool.submit(() -> {
                while (System.currentTimeMillis() < deadline) {
                    List<Map<String, AttributeValue>> accounts = switch (kind) {
                        case 0 -> queryAccounts();
                        case 1 ->
                            fixture.client
                                    .scan(b -> b.tableName("bank")
                                            .filterExpression("pk = :p")
                                            .expressionAttributeValues(Map.of(":p", s("accounts"))))
                                    .items();
                        default ->
                            fixture
                                    .client
                                    .transactGetItems(b -> b.transactItems(IntStream.range(0, ACCOUNTS)
                                            .mapToObj(i -> TransactGetItem.builder()
                                                    .get(g -> g.tableName("bank")
                                                            .key(item("pk", "accounts", "sk", "a" + i)))
                                                    .build())
                                            .toList()))
                                    .responses()
                                    .stream()
                                    .map(ItemResponse::item)
                                    .toList();
                    };
                    assertThat(accounts).hasSize(ACCOUNTS);
                    assertThat(total(accounts)).isEqualTo(expectedTotal);
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(RUN_MILLIS + 30_000, TimeUnit.MILLISECONDS);
        }
        pool.shutdown();
        assertThat(total(queryAccounts())).isEqualTo(expectedTotal);
        assertThat(queryAccounts())
                .allSatisfy(
                        a -> assertThat(Long.parseLong(a.get("balance").n())).isNotNegative());
        assertThat(fixture.client
                        .getItem(b -> b.tableName("bank").key(item("pk", "counter", "sk", "c")))
                        .item()
                        .get("version")
                        .n())
                .isEqualTo(Integer.toString(increments.get()));
        assertThat(transfers.get()).isPositive();
        assertThat(increments.get()).isPositive();
        assertThat(reads.get()).isPositive();
    }
}
