package dev.excalibur.sample;

import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEvent;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedOptions;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedSubscription;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The quick start, end to end on an in-process DynamoDB Local: creates the table, writes, reads,
 * updates with an ETag, shows a stale-ETag update refused with 412 and the item unchanged, deletes,
 * then reads those changes back from the table's change feed (DynamoDB Streams).
 */
public final class QuickstartDemo {

    /** An order document; its {@code id} is the sort key. */
    public record Order(String id, String customer, String status, BigDecimal total, List<String> items, Instant placedAt) {
        Order withStatus(String newStatus) {
            return new Order(id, customer, newStatus, total, items, placedAt);
        }
    }

    private QuickstartDemo() {
    }

    public static void main(String[] args) {
        boolean ok;
        try {
            ok = run(System.out);
        } catch (RuntimeException e) {
            e.printStackTrace();
            ok = false;
        }
        System.exit(ok ? 0 : 1);
    }

    /** Runs the demo, printing each step; true when every step behaved as documented. */
    public static boolean run(PrintStream out) {
        EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
        String tableName = db.newTableName("Orders");
        Checks checks = new Checks(out);

        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(db.asyncClient())
                .streamsClient(db.streamsAsyncClient())
                .options(o -> o.tablePrefix("Demo_").tableName(tableName).createTablesIfMissing(true))
                .build()) {
            provider.initialize().join();
            out.println("1. table '" + provider.options().qualifiedTableName() + "' is ACTIVE (created on demand)");

            PartitionKey customer = PartitionKey.of("CUSTOMER#42", "/pk");
            Order order = new Order("ORDER#1001", "Ada", "PLACED", new BigDecimal("129.95"),
                    List.of("keyboard", "mouse"), Instant.parse("2026-11-25T09:30:00Z"));

            CloudOperationResult<Order> created = provider.create(order, customer).join();
            out.println("2. create  -> " + created.statusCode() + ", etag " + created.etag());
            checks.expect(created.success(), "create succeeds");

            CloudOperationResult<Order> read = provider.getById(order.id(), customer, ConsistencyOptions.strong(), Order.class).join();
            out.println("3. read    -> " + read.statusCode() + ", " + read.document() + ", etag " + read.etag());
            checks.expect(order.equals(read.document()) && created.etag().equals(read.etag()), "read returns what was written");

            CloudOperationResult<Order> shipped = provider.update(order.withStatus("SHIPPED"), customer, read.etag()).join();
            out.println("4. update  -> " + shipped.statusCode() + " (status SHIPPED, etag " + read.etag()
                    + " matched), new etag " + shipped.etag());
            checks.expect(shipped.success() && !shipped.etag().equals(read.etag()), "update with the current etag succeeds");

            CloudOperationResult<Order> stale = provider.update(order.withStatus("CANCELLED"), customer, read.etag()).join();
            out.println("5. update with the stale etag " + read.etag() + " -> " + stale.statusCode()
                    + " Precondition Failed: " + stale.errorMessage());
            checks.expect(stale.statusCode() == 412, "stale etag is refused with 412");

            Order stored = provider.getById(order.id(), customer, ConsistencyOptions.strong(), Order.class).join().document();
            out.println("   stored order is unchanged: status " + stored.status());
            checks.expect("SHIPPED".equals(stored.status()), "the refused update left the item unchanged");

            CloudOperationResult<Void> deleted = provider.delete(order.id(), customer, shipped.etag()).join();
            CloudOperationResult<Order> gone = provider.getById(order.id(), customer, null, Order.class).join();
            out.println("6. delete  -> " + deleted.statusCode() + "; read again -> " + gone.statusCode() + " Not Found");
            checks.expect(deleted.success() && gone.isNotFound(), "delete removes the order");

            List<ChangeFeedEvent<Order>> changes = changesFromTheBeginning(provider, 3);
            out.println("7. change feed from the beginning -> " + changes.stream()
                    .map(e -> e.type() + " " + e.documentId() + (e.document() == null ? "" : " (" + e.document().status() + ")"))
                    .toList());
            checks.expect(changes.stream().map(ChangeFeedEvent::type).toList().equals(List.of(ChangeFeedEventType.CREATED,
                    ChangeFeedEventType.UPDATED, ChangeFeedEventType.DELETED)), "the change feed shows create, update, delete in order");
        }
        out.println(checks.failures == 0 ? "demo finished: every step behaved as documented"
                : "demo FAILED: " + checks.failures + " step(s) misbehaved");
        return checks.failures == 0;
    }

    /** The first {@code count} changes of the provider's table, read through the change feed publisher. */
    private static List<ChangeFeedEvent<Order>> changesFromTheBeginning(DynamoDbPersistenceProvider provider, int count) {
        List<ChangeFeedEvent<Order>> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch received = new java.util.concurrent.CountDownLatch(count);
        try (ChangeFeedSubscription<Order> feed = provider.subscribe(null, Order.class, ChangeFeedOptions.fromBeginning()).join()) {
            feed.subscribe(new java.util.concurrent.Flow.Subscriber<>() {
                @Override
                public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                    subscription.request(count);
                }

                @Override
                public void onNext(ChangeFeedEvent<Order> event) {
                    events.add(event);
                    received.countDown();
                }

                @Override
                public void onError(Throwable error) {
                    error.printStackTrace();
                }

                @Override
                public void onComplete() {
                }
            });
            received.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.copyOf(events);
    }

    private static final class Checks {
        private final PrintStream out;
        private int failures;

        Checks(PrintStream out) {
            this.out = out;
        }

        void expect(boolean condition, String what) {
            if (!condition) {
                failures++;
                out.println("   UNEXPECTED: " + what + " did not hold");
            }
        }
    }
}
