package dev.excalibur.cdc.dynamodb.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The KCL tests' tables: stream tables of versioned items, and waiting on a condition with a deadline. */
final class KclTestTables {

    private KclTestTables() {}

    /** A table keyed by string {@code pk} with a NEW_AND_OLD_IMAGES stream. */
    @SuppressWarnings("unchecked")
    static void createStreamTable(DynamoDbClient client, String table) {
        client.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    /** The key of item {@code n}. */
    static String itemKey(int n) {
        return String.format("item-%03d", n);
    }

    /** Puts versions {@code from..to} (number {@code v}) of items 0..items-1, version by version, 25 per batch. */
    static void writeVersions(DynamoDbClient client, String table, int items, int from, int to) {
        for (int version = from; version <= to; version++) {
            for (int first = 0; first < items; first += 25) {
                List<WriteRequest> writes = new ArrayList<>();
                for (int item = first; item < Math.min(items, first + 25); item++) {
                    Map<String, AttributeValue> value = Map.of(
                            "pk",
                            AttributeValue.fromS(itemKey(item)),
                            "v",
                            AttributeValue.fromN(Integer.toString(version)));
                    writes.add(WriteRequest.builder()
                            .putRequest(p -> p.item(value))
                            .build());
                }
                assertThat(client.batchWriteItem(b -> b.requestItems(Map.of(table, writes)))
                                .unprocessedItems())
                        .isEmpty();
            }
        }
    }

    /** Waits until {@code condition} holds, polling every 50 ms; fails naming {@code what} after {@code timeout}. */
    static void awaitTrue(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + timeout + ": " + what);
            }
            Thread.sleep(50);
        }
    }
}
