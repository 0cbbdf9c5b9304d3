package dev.excalibur.bench;

import dev.excalibur.data.dynamodb.internal.ItemSize;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The engine's own cost and footprint, in one run.
 *
 * <p>Cost: one mix (PutItem, GetItem, a 100-item Query page, a two-item TransactWriteItems) through
 * the same SDK async client, once on the in-process engine and once on recorded responses (no engine:
 * the SDK's own marshalling and pipeline). Ratio engine ÷ recorded: 1.0 would mean the engine costs
 * nothing, 0.5 that it costs as much as the SDK's own work. Rounds interleaved, medians.
 *
 * <p>Memory: 100,000 items of about 1 KB written to a fresh engine; the heap they retain (used heap
 * after a full collection, before and after) against their DynamoDB size (names plus values, the
 * service's formula).
 */
public final class EngineBenchmark {

    private static final String TABLE = "Orders";
    private static final int IN_FLIGHT = 8;
    private static final int PAGE = 100;
    private static final int MEMORY_ITEMS = 100_000;

    private EngineBenchmark() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        out.printf(
                "Excalibur engine benchmark: PutItem + GetItem + Query (%d items) + TransactWriteItems (2 puts) per call,"
                        + " %d in flight, 2 warm-up + 7 measured rounds, interleaved, medians%n",
                PAGE, IN_FLIGHT);
        try (DynamoDbEngine engine = DynamoDbEngine.create();
                DynamoDbAsyncClient onEngine =
                        engine.configure(DynamoDbAsyncClient.builder()).build();
                DynamoDbAsyncClient recorded = CannedResponseHttpClient.client()) {
            createTable(engine.client());
            for (int i = 0; i < PAGE; i++) {
                Map<String, AttributeValue> item = order("CUSTOMER#1", "A#" + String.format("%05d", i));
                engine.client().putItem(b -> b.tableName(TABLE).item(item));
            }
            double[] rates = new Rounds(IN_FLIGHT, 2, 7, 2000)
                    .run(
                            out,
                            List.of(
                                    new Mix("SDK client on the in-process engine", onEngine),
                                    new Mix("SDK client on recorded responses (the SDK's own cost)", recorded)),
                            4,
                            "requests/s");
            out.printf(Locale.ROOT, "  ratio engine / recorded = %.2f (target >= 0.5)%n", rates[0] / rates[1]);
        }
        memory(out);
        System.exit(0);
    }

    /** The request mix, call {@code n} writing items of its own. */
    private record Mix(String name, DynamoDbAsyncClient client) implements Rounds.Workload {
        @Override
        public CompletableFuture<?> call(int n) {
            String sk = "ORDER#" + name.length() + "#" + n;
            return client.putItem(b -> b.tableName(TABLE).item(order("CUSTOMER#1", sk)))
                    .thenCompose(put -> client.getItem(b -> b.tableName(TABLE).key(key("CUSTOMER#1", sk))))
                    .thenCompose(get -> client.query(b -> b.tableName(TABLE)
                            .limit(PAGE)
                            .keyConditionExpression("pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CUSTOMER#1")))))
                    .thenCompose(query -> client.transactWriteItems(b -> b.transactItems(
                            TransactWriteItem.builder()
                                    .put(p -> p.tableName(TABLE).item(order("CUSTOMER#2", sk + "#a")))
                                    .build(),
                            TransactWriteItem.builder()
                                    .put(p -> p.tableName(TABLE).item(order("CUSTOMER#3", sk + "#b")))
                                    .build())));
        }
    }

    private static void memory(PrintStream out) {
        try (DynamoDbEngine engine = DynamoDbEngine.create()) {
            DynamoDbClient client = engine.client();
            createTable(client);
            long before = usedHeapAfterGc();
            long itemBytes = 0;
            List<WriteRequest> batch = new ArrayList<>(25);
            for (int i = 0; i < MEMORY_ITEMS; i++) {
                Map<String, AttributeValue> item = order("CUSTOMER#" + (i % 1000), "ORDER#" + i);
                itemBytes += ItemSize.of(item);
                batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                if (batch.size() == 25) {
                    List<WriteRequest> requests = List.copyOf(batch);
                    client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, requests)));
                    batch.clear();
                }
            }
            long retained = usedHeapAfterGc() - before;
            long count = client.describeTable(b -> b.tableName(TABLE)).table().itemCount();
            out.printf(
                    Locale.ROOT,
                    "%nEngine memory: %,d items (%,d stored) of %,d bytes on average, %,.1f MB as DynamoDB counts them;"
                            + " retained heap %,.1f MB: %.2f x their DynamoDB size (target <= 3)%n",
                    MEMORY_ITEMS,
                    count,
                    itemBytes / MEMORY_ITEMS,
                    itemBytes / 1e6,
                    retained / 1e6,
                    (double) retained / itemBytes);
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @SuppressWarnings("unchecked")
    private static void createTable(DynamoDbClient client) {
        client.createTable(b -> b.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(
                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(
                        a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }

    /** An order item of about 1 KB, as the provider stores one: keys, ETag, properties, a list and a note. */
    static Map<String, AttributeValue> order(String pk, String sk) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
        item.put("id", AttributeValue.fromS(sk));
        item.put("_etag", AttributeValue.fromS("tVUil-MJnv6uRk_Ocd8o3A"));
        item.put("customer", AttributeValue.fromS(pk));
        item.put("status", AttributeValue.fromS("PLACED"));
        item.put("total", AttributeValue.fromN("130.95"));
        item.put("quantity", AttributeValue.fromN("2"));
        item.put("tags", AttributeValue.fromL(List.of(AttributeValue.fromS("express"), AttributeValue.fromS("gift"))));
        item.put("placedAt", AttributeValue.fromS("2026-11-25T09:30:01Z"));
        item.put("note", AttributeValue.fromS("x".repeat(800)));
        return item;
    }
}
