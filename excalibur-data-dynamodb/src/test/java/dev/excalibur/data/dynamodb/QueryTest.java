package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.query.CloudNativeQueryOperations;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.data.cloudnative.query.CloudQueryResult;
import dev.excalibur.data.cloudnative.query.Condition;
import dev.excalibur.data.cloudnative.query.SortKeyCondition;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.FaultInjector;
import dev.excalibur.dynamodb.test.TestTableName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

@ExtendWith(EmbeddedDynamoDbExtension.class)
class QueryTest {

    private static final PartitionKey PK = PartitionKey.of("customer-1");

    /** A document whose attribute names are DynamoDB reserved words. */
    record Ticket(String id, String Name, String Status, int Value, List<String> tags, String note) {}

    /** An order for index queries: status and total are index keys. */
    record Order(String id, String status, int total) {}

    @Test
    void providerOffersQueryOperations(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            assertThat(fixture.provider().getService(CloudNativeQueryOperations.class))
                    .containsSame(fixture.provider());
        }
    }

    @Test
    void everySortKeyOperatorSelectsTheMatchingDocuments(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            for (int i = 0; i < 20; i++) {
                await(provider.create(new TestDocument(String.format("item-%02d", i), "n" + i, i), PK));
            }
            await(provider.create(new TestDocument("other", "x", 0), PK));

            assertThat(ids(provider, SortKeyCondition.equalTo("item-05"))).containsExactly("item-05");
            assertThat(ids(provider, SortKeyCondition.lessThan("item-03")))
                    .containsExactly("item-00", "item-01", "item-02");
            assertThat(ids(provider, SortKeyCondition.lessThanOrEqualTo("item-02")))
                    .containsExactly("item-00", "item-01", "item-02");
            assertThat(ids(provider, SortKeyCondition.greaterThan("item-18"))).containsExactly("item-19", "other");
            assertThat(ids(provider, SortKeyCondition.greaterThanOrEqualTo("item-19")))
                    .containsExactly("item-19", "other");
            assertThat(ids(provider, SortKeyCondition.between("item-07", "item-09")))
                    .containsExactly("item-07", "item-08", "item-09");
            assertThat(ids(provider, SortKeyCondition.beginsWith("item-1")))
                    .hasSize(10)
                    .allMatch(id -> id.startsWith("item-1"));
            assertThat(ids(provider, null)).hasSize(21);
        }
    }

    @Test
    void filtersOnReservedWordNamesAndExpressionLikeValuesMatchLiterally(
            EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            await(provider.create(new Ticket("t1", ":x", "OPEN", 10, List.of("red", "blue"), "n"), PK));
            await(provider.create(new Ticket("t2", "#y", "CLOSED", 20, List.of("blue"), null), PK));
            await(provider.create(new Ticket("t3", ") OR (", "OPEN", 30, List.of(), "n"), PK));
            await(provider.create(
                    new Ticket("t4", "a) OR attribute_exists(pk", "OPEN", 40, List.of("green"), "n"), PK));

            assertThat(ticketIds(provider, Condition.attribute("Name").isEqualTo(":x")))
                    .containsExactly("t1");
            assertThat(ticketIds(provider, Condition.attribute("Name").isEqualTo("#y")))
                    .containsExactly("t2");
            assertThat(ticketIds(provider, Condition.attribute("Name").isEqualTo(") OR (")))
                    .containsExactly("t3");
            assertThat(ticketIds(provider, Condition.attribute("Name").isEqualTo("a) OR attribute_exists(pk")))
                    .containsExactly("t4");
            assertThat(ticketIds(provider, Condition.attribute("Name").isEqualTo("x) OR (1 = 1")))
                    .isEmpty();
            assertThat(ticketIds(
                            provider,
                            Condition.attribute("Status")
                                    .isEqualTo("OPEN")
                                    .and(Condition.attribute("Value").isGreaterThan(15))))
                    .containsExactly("t3", "t4");
            assertThat(ticketIds(
                            provider,
                            Condition.attribute("Status")
                                    .isNotEqualTo("OPEN")
                                    .or(Condition.attribute("Value").isLessThanOrEqualTo(10))))
                    .containsExactly("t1", "t2");
            assertThat(ticketIds(
                            provider,
                            Condition.not(Condition.attribute("Status").isEqualTo("OPEN"))))
                    .containsExactly("t2");
            assertThat(ticketIds(provider, Condition.attribute("Value").isBetween(20, 30)))
                    .containsExactly("t2", "t3");
            assertThat(ticketIds(provider, Condition.attribute("Value").isIn(10, 40, 99)))
                    .containsExactly("t1", "t4");
            assertThat(ticketIds(provider, Condition.attribute("tags").contains("blue")))
                    .containsExactly("t1", "t2");
            assertThat(ticketIds(provider, Condition.attribute("Name").contains(") OR")))
                    .containsExactly("t3", "t4");
            assertThat(ticketIds(provider, Condition.attribute("Name").beginsWith("#")))
                    .containsExactly("t2");
            assertThat(ticketIds(
                            provider,
                            Condition.attribute("Value")
                                    .isLessThan(20)
                                    .or(Condition.attribute("Value").isGreaterThanOrEqualTo(40))))
                    .containsExactly("t1", "t4");
            assertThat(ticketIds(provider, Condition.attribute("note").isEqualTo(null)))
                    .containsExactly("t2");
            assertThat(ticketIds(provider, Condition.attribute("missing").notExists()))
                    .hasSize(4);
            assertThat(ticketIds(provider, Condition.attribute("tags").exists()))
                    .hasSize(4);
        }
    }

    @Test
    void globalIndexQueryReadsByIndexKeysAndRefusesStrongConsistency(EmbeddedDynamoDb db, @TestTableName String table) {
        createTableWithIndexes(db, table);
        try (var fixture = TestProviders.open(db, table, o -> o.createTablesIfMissing(false))) {
            var provider = fixture.provider();
            for (int i = 0; i < 30; i++) {
                await(provider.create(
                        new Order("o" + i, i % 3 == 0 ? "OPEN" : "SHIPPED", i * 10), PartitionKey.of("c" + (i % 2))));
            }

            CloudQuery open = CloudQuery.builder()
                    .indexName("byStatus")
                    .partitionKey("OPEN")
                    .sortKey(SortKeyCondition.between(50, 200))
                    .descending(true)
                    .build();
            List<Order> found = provider.queryAll(open, Order.class).toList();

            assertThat(found).extracting(Order::total).containsExactly(180, 150, 120, 90, 60);
            assertThat(found).allMatch(o -> o.status().equals("OPEN"));
            assertThat(await(provider.count(open))).isEqualTo(5);
            assertThatThrownBy(() -> provider.query(
                            open.toBuilder()
                                    .consistency(ConsistencyOptions.strong())
                                    .build(),
                            Order.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("global secondary index");
            assertThatThrownBy(() ->
                            provider.query(open.toBuilder().indexName("nope").build(), Order.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("has no index 'nope'")
                    .hasMessageContaining("byStatus");
        }
    }

    @Test
    void localIndexQueryAllowsStrongConsistency(EmbeddedDynamoDb db, @TestTableName String table) {
        createTableWithIndexes(db, table);
        try (var fixture = TestProviders.open(db, table, o -> o.createTablesIfMissing(false))) {
            var provider = fixture.provider();
            for (int i = 0; i < 10; i++) {
                await(provider.create(new Order("o" + i, "OPEN", 100 - i), PK));
            }

            CloudQueryResult<Order> page = await(provider.query(
                    q -> q.indexName("byTotal")
                            .partitionKey(PK)
                            .sortKey(SortKeyCondition.lessThan(94))
                            .consistency(ConsistencyOptions.strong()),
                    Order.class));

            assertThat(page.documents()).extracting(Order::total).containsExactly(91, 92, 93);
        }
    }

    @Test
    void paging2500DocumentsWithLimit100ReturnsEachOnceInOrder(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            List<String> expected = load(provider, 2500);

            List<String> seen = new ArrayList<>();
            CloudQuery query = CloudQuery.builder().partitionKey(PK).limit(100).build();
            int pages = 0;
            String token = null;
            do {
                CloudQueryResult<TestDocument> page =
                        await(provider.query(query.withContinuationToken(token), TestDocument.class));
                assertThat(page.documents()).hasSizeLessThanOrEqualTo(100);
                page.documents().forEach(d -> seen.add(d.id()));
                assertThat(page.continuationToken())
                        .satisfiesAnyOf(
                                t -> assertThat(t).isNull(), t -> assertThat(t).matches("[A-Za-z0-9_-]+"));
                token = page.continuationToken();
                pages++;
            } while (token != null);

            assertThat(seen).containsExactlyElementsOf(expected);
            assertThat(pages).isBetween(25, 26);
            assertThat(provider.queryAll(query, TestDocument.class)
                            .map(TestDocument::id)
                            .toList())
                    .containsExactlyElementsOf(expected);
            List<String> descending = provider.queryAll(
                            query.toBuilder().descending(true).build(), TestDocument.class)
                    .map(TestDocument::id)
                    .toList();
            assertThat(descending).hasSize(2500).startsWith(expected.get(2499)).endsWith(expected.get(0));
        }
    }

    @Test
    void filterLeavingEmptyPagesStillReachesEveryMatch(EmbeddedDynamoDb db, @TestTableName String table)
            throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            load(provider, 500);
            CloudQuery rare = CloudQuery.builder()
                    .partitionKey(PK)
                    .limit(50)
                    .filter(Condition.attribute("value").isIn(99, 299, 499))
                    .build();

            CloudQueryResult<TestDocument> first = await(provider.query(rare, TestDocument.class));
            List<CloudQueryResult<TestDocument>> published = collect(provider.pages(rare, TestDocument.class));

            assertThat(first.documents()).isEmpty();
            assertThat(first.hasMoreResults()).isTrue();
            assertThat(provider.queryAll(rare, TestDocument.class).map(TestDocument::value))
                    .containsExactly(99, 299, 499);
            assertThat(published).hasSize(3).allMatch(p -> p.documents().size() == 1);
            assertThat(await(provider.count(rare))).isEqualTo(3);
        }
    }

    @Test
    void pagePublisherReadsOnlyWhatIsRequested(EmbeddedDynamoDb db, @TestTableName String table) throws Exception {
        FaultInjector requests = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, requests)) {
            var provider = fixture.provider();
            load(provider, 300);
            CloudQuery query = CloudQuery.builder().partitionKey(PK).limit(100).build();
            List<Integer> sizes = new ArrayList<>();
            CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
            CompletableFuture<Void> completed = new CompletableFuture<>();
            provider.pages(query, TestDocument.class).subscribe(new Flow.Subscriber<>() {
                public void onSubscribe(Flow.Subscription s) {
                    subscribed.complete(s);
                }

                public void onNext(CloudQueryResult<TestDocument> page) {
                    synchronized (sizes) {
                        sizes.add(page.documents().size());
                    }
                }

                public void onError(Throwable t) {
                    completed.completeExceptionally(t);
                }

                public void onComplete() {
                    completed.complete(null);
                }
            });
            Flow.Subscription subscription = subscribed.get(5, TimeUnit.SECONDS);
            int before = requests.requestCount("Query");

            subscription.request(1);
            awaitSize(sizes, 1);
            Thread.sleep(200);
            assertThat(requests.requestCount("Query") - before).isEqualTo(1);

            subscription.request(Long.MAX_VALUE);
            completed.get(30, TimeUnit.SECONDS);
            assertThat(sizes).containsExactly(100, 100, 100);
        }
    }

    @Test
    void alteredOrForeignTokenIsRefusedBeforeAnyRequest(EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector requests = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, requests)) {
            var provider = fixture.provider();
            load(provider, 30);
            CloudQuery query = CloudQuery.builder().partitionKey(PK).limit(10).build();
            String token = await(provider.query(query, TestDocument.class)).continuationToken();
            char last = token.charAt(token.length() - 5);
            String altered = token.substring(0, token.length() - 5)
                    + (last == 'A' ? 'B' : 'A')
                    + token.substring(token.length() - 4);
            int before = requests.totalRequests();

            assertThatThrownBy(() -> provider.query(query.withContinuationToken(altered), TestDocument.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("continuationToken")
                    .hasMessageContaining("altered");
            assertThatThrownBy(() -> provider.query(
                            query.toBuilder()
                                    .partitionKey("customer-2")
                                    .continuationToken(token)
                                    .build(),
                            TestDocument.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another query");
            assertThatThrownBy(() -> provider.query(
                            query.toBuilder()
                                    .descending(true)
                                    .continuationToken(token)
                                    .build(),
                            TestDocument.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another query");
            assertThatThrownBy(() -> provider.query(query.withContinuationToken("not a token!"), TestDocument.class))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("continuationToken");
            assertThat(requests.totalRequests()).isEqualTo(before);
            assertThat(await(provider.query(
                                    query.toBuilder()
                                            .limit(5)
                                            .continuationToken(token)
                                            .build(),
                                    TestDocument.class))
                            .documents())
                    .extracting(TestDocument::id)
                    .containsExactly("doc-0010", "doc-0011", "doc-0012", "doc-0013", "doc-0014");
        }
    }

    @Test
    void projectionReadsOnlyTheChosenAttributes(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            await(provider.create(new Ticket("t1", "n", "OPEN", 10, List.of("a"), "note"), PK));

            Ticket ticket = await(provider.query(q -> q.partitionKey(PK).projection("id", "Status"), Ticket.class))
                    .documents()
                    .get(0);

            assertThat(ticket).isEqualTo(new Ticket("t1", null, "OPEN", 0, null, null));
        }
    }

    @Test
    void queryOfMissingTableIsAnError(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            db.client().deleteTable(b -> b.tableName(table));
            assertThatThrownBy(() -> await(fixture.provider().query(q -> q.partitionKey(PK), TestDocument.class)))
                    .isInstanceOf(TableNotFoundException.class);
        }
    }

    private static List<String> ids(DynamoDbPersistenceProvider provider, SortKeyCondition condition) {
        return provider.queryAll(
                        CloudQuery.builder().partitionKey(PK).sortKey(condition).build(), TestDocument.class)
                .map(TestDocument::id)
                .toList();
    }

    private static List<String> ticketIds(DynamoDbPersistenceProvider provider, Condition filter) {
        return provider.queryAll(
                        CloudQuery.builder().partitionKey(PK).filter(filter).build(), Ticket.class)
                .map(Ticket::id)
                .toList();
    }

    /** Stores documents doc-0000... with value = index, returns their ids in key order. */
    private static List<String> load(DynamoDbPersistenceProvider provider, int count) {
        List<BulkWrite> writes = IntStream.range(0, count)
                .mapToObj(i -> BulkWrite.put(PK, new TestDocument(String.format("doc-%04d", i), "n", i)))
                .toList();
        assertThat(await(provider.bulkWrite(writes)).written()).isEqualTo(count);
        return writes.stream().map(w -> ((TestDocument) w.document()).id()).collect(Collectors.toList());
    }

    @SuppressWarnings("unchecked")
    private static void createTableWithIndexes(EmbeddedDynamoDb db, String table) {
        db.client()
                .createTable(b -> b.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(
                                k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("sk").keyType(KeyType.RANGE))
                        .attributeDefinitions(
                                a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("sk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("status").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("total").attributeType(ScalarAttributeType.N))
                        .globalSecondaryIndexes(g -> g.indexName("byStatus")
                                .keySchema(
                                        k -> k.attributeName("status").keyType(KeyType.HASH),
                                        k -> k.attributeName("total").keyType(KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL)))
                        .localSecondaryIndexes(l -> l.indexName("byTotal")
                                .keySchema(
                                        k -> k.attributeName("pk").keyType(KeyType.HASH),
                                        k -> k.attributeName("total").keyType(KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.ALL))));
    }

    private static <T> List<T> collect(Flow.Publisher<T> publisher) throws Exception {
        List<T> items = new ArrayList<>();
        CompletableFuture<List<T>> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            public void onNext(T item) {
                synchronized (items) {
                    items.add(item);
                }
            }

            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            public void onComplete() {
                done.complete(items);
            }
        });
        return done.get(30, TimeUnit.SECONDS);
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (list) {
                if (list.size() >= size) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("expected " + size + " elements, got " + list.size());
    }
}
