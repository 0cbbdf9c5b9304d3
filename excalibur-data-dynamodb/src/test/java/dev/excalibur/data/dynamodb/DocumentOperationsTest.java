package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.TestTableName;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(EmbeddedDynamoDbExtension.class)
class DocumentOperationsTest {

    private static final PartitionKey PK = PartitionKey.of("USER#user-123", "/pk");

    @Test
    void createOfExistingDocumentReturns409AndKeepsTheOriginal(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            await(provider.create(new TestDocument("a", "original", 1), PK));

            CloudOperationResult<TestDocument> again = await(provider.create(new TestDocument("a", "intruder", 2), PK));

            assertThat(again.success()).isFalse();
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.isConflict()).isTrue();
            assertThat(again.errorMessage()).contains("already exists");
            assertThat(await(provider.getById("a", PK, null, TestDocument.class))
                            .document()
                            .name())
                    .isEqualTo("original");
        }
    }

    @Test
    void etagsAreSixteenRandomBytesInUrlSafeBase64AsStoredAndDistinctPerWrite(
            EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            Set<String> etags = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                String etag = await(provider.create(new TestDocument("e" + i, "n", i), PK))
                        .etag();
                assertThat(etag).matches("[A-Za-z0-9_-]{22}");
                assertThat(Base64.getUrlDecoder().decode(etag)).hasSize(16);
                assertThat(Base64.getUrlEncoder()
                                .withoutPadding()
                                .encodeToString(Base64.getUrlDecoder().decode(etag)))
                        .as("canonical encoding, the last character carrying 2 bits")
                        .isEqualTo(etag);
                assertThat(await(provider.getById("e" + i, PK, null, TestDocument.class))
                                .etag())
                        .isEqualTo(etag);
                etags.add(etag);
            }
            assertThat(etags).hasSize(200);
        }
    }

    @Test
    void updateOfMissingDocumentReturns404(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            CloudOperationResult<TestDocument> withoutEtag =
                    await(provider.update(new TestDocument("ghost", "x", 1), PK, null));
            CloudOperationResult<TestDocument> withEtag =
                    await(provider.update(new TestDocument("ghost", "x", 1), PK, "some-etag"));

            assertThat(withoutEtag.statusCode()).isEqualTo(404);
            assertThat(withEtag.statusCode()).isEqualTo(404);
            assertThat(withEtag.isNotFound()).isTrue();
            assertThat(await(provider.getById("ghost", PK, null, TestDocument.class))
                            .isNotFound())
                    .isTrue();
        }
    }

    @Test
    void updateWithStaleEtagReturns412AndLeavesTheItemUnchanged(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            String firstEtag =
                    await(provider.create(new TestDocument("doc", "v1", 1), PK)).etag();
            CloudOperationResult<TestDocument> second =
                    await(provider.update(new TestDocument("doc", "v2", 2), PK, firstEtag));
            assertThat(second.success()).isTrue();
            assertThat(second.etag()).isNotEqualTo(firstEtag);

            CloudOperationResult<TestDocument> stale =
                    await(provider.update(new TestDocument("doc", "v3", 3), PK, firstEtag));

            assertThat(stale.statusCode()).isEqualTo(412);
            assertThat(stale.isConcurrencyConflict()).isTrue();
            CloudOperationResult<TestDocument> stored =
                    await(provider.getById("doc", PK, ConsistencyOptions.strong(), TestDocument.class));
            assertThat(stored.document()).isEqualTo(new TestDocument("doc", "v2", 2));
            assertThat(stored.etag()).isEqualTo(second.etag());
        }
    }

    @Test
    void deleteWithStaleEtagReturns412AndKeepsTheItem(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            String firstEtag =
                    await(provider.create(new TestDocument("doc", "v1", 1), PK)).etag();
            String currentEtag = await(provider.update(new TestDocument("doc", "v2", 2), PK, firstEtag))
                    .etag();

            assertThat(await(provider.delete("doc", PK, firstEtag)).statusCode())
                    .isEqualTo(412);
            assertThat(await(provider.getById("doc", PK, null, TestDocument.class))
                            .success())
                    .isTrue();

            assertThat(await(provider.delete("doc", PK, currentEtag)).success()).isTrue();
            assertThat(await(provider.getById("doc", PK, null, TestDocument.class))
                            .isNotFound())
                    .isTrue();
            assertThat(await(provider.delete("doc", PK, currentEtag)).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void deleteOfMissingDocumentWithoutEtagSucceeds(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            CloudOperationResult<Void> deleted = await(fixture.provider().delete("never-existed", PK, null));
            assertThat(deleted.success()).isTrue();
            assertThat(deleted.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void everyWriteReturnsTheEtagThatGetByIdThenReports(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            String created =
                    await(provider.create(new TestDocument("e", "a", 1), PK)).etag();
            assertThat(await(provider.getById("e", PK, null, TestDocument.class))
                            .etag())
                    .isEqualTo(created);
            String updated = await(provider.update(new TestDocument("e", "b", 2), PK, created))
                    .etag();
            assertThat(updated).isNotEqualTo(created);
            assertThat(await(provider.getById("e", PK, null, TestDocument.class))
                            .etag())
                    .isEqualTo(updated);
        }
    }

    /** A document whose property names are DynamoDB reserved words. */
    record ReservedWords(String id, String Name, String Status, int Value, String Size, String Date) {}

    @Test
    void reservedWordsAsKeyAndDocumentAttributeNamesWork(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(
                db,
                table,
                o -> o.partitionKeyAttribute("Partition")
                        .sortKeyAttribute("Range")
                        .etagAttribute("Timestamp"))) {
            var provider = fixture.provider();
            ReservedWords doc = new ReservedWords("r1", "name", "ACTIVE", 5, "XL", "2026-11-25");
            String etag = await(provider.create(doc, PK)).etag();
            assertThat(await(provider.create(doc, PK)).statusCode()).isEqualTo(409);

            ReservedWords changed = new ReservedWords("r1", "name", "CLOSED", 6, "XL", "2026-11-26");
            String newEtag = await(provider.update(changed, PK, etag)).etag();
            assertThat(await(provider.update(doc, PK, etag)).statusCode()).isEqualTo(412);
            assertThat(await(provider.getById("r1", PK, null, ReservedWords.class))
                            .document())
                    .isEqualTo(changed);

            Map<String, AttributeValue> raw = db.client()
                    .getItem(b -> b.tableName(table)
                            .key(Map.of(
                                    "Partition",
                                    AttributeValue.fromS(PK.value()),
                                    "Range",
                                    AttributeValue.fromS("r1"))))
                    .item();
            assertThat(raw.get("Timestamp").s()).isEqualTo(newEtag);
            assertThat(raw.get("Status").s()).isEqualTo("CLOSED");
            assertThat(await(provider.delete("r1", PK, newEtag)).success()).isTrue();
        }
    }

    @Test
    void tablePrefixIsApplied(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table, o -> o.tablePrefix("MyApp_"))) {
            await(fixture.provider().create(new TestDocument("p", "prefixed", 1), PK));

            DynamoDbClient raw = db.client();
            assertThat(raw.listTables().tableNames()).contains("MyApp_" + table).doesNotContain(table);
            assertThat(raw.getItem(b -> b.tableName("MyApp_" + table)
                                    .key(Map.of(
                                            "pk", AttributeValue.fromS(PK.value()), "sk", AttributeValue.fromS("p"))))
                            .item())
                    .containsEntry("name", AttributeValue.fromS("prefixed"));
        }
    }

    /** Nested records, lists, maps, binary, exact decimals and dates. */
    record Order(
            String id,
            String customer,
            BigDecimal total,
            double ratio,
            long big,
            Instant placedAt,
            LocalDate due,
            List<Line> lines,
            Map<String, Object> attributes,
            byte[] signature,
            boolean paid,
            String note) {}

    record Line(String sku, int quantity, BigDecimal price, List<String> tags) {}

    @Test
    void nestedDocumentRoundTripsExactly(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            byte[] signature = {0, 1, 2, (byte) 0xFF, 127, -128};
            Order order = new Order(
                    "o-1",
                    "c-9",
                    new BigDecimal("12345678901234567890.123456789"),
                    0.1,
                    Long.MAX_VALUE,
                    Instant.parse("2026-11-25T10:15:30.123456789Z"),
                    LocalDate.of(2026, 12, 24),
                    List.of(
                            new Line("SKU-1", 2, new BigDecimal("9.99"), List.of("red", "big")),
                            new Line("SKU-2", 1, new BigDecimal("0.000001"), List.of())),
                    Map.of("gift", true, "level", Map.of("depth", List.of(1, 2, 3))),
                    signature,
                    false,
                    null);

            await(fixture.provider().create(order, PK));
            Order read = await(fixture.provider().getById("o-1", PK, ConsistencyOptions.strong(), Order.class))
                    .document();

            assertThat(read.total()).isEqualByComparingTo(order.total());
            assertThat(read.total().toPlainString()).isEqualTo("12345678901234567890.123456789");
            assertThat(read.ratio()).isEqualTo(0.1);
            assertThat(read.big()).isEqualTo(Long.MAX_VALUE);
            assertThat(read.placedAt()).isEqualTo(order.placedAt());
            assertThat(read.due()).isEqualTo(order.due());
            assertThat(read.lines())
                    .usingRecursiveFieldByFieldElementComparator()
                    .usingComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                    .isEqualTo(order.lines());
            assertThat(read.attributes()).containsEntry("gift", true);
            assertThat(read.attributes().get("level")).isEqualTo(Map.of("depth", List.of(1, 2, 3)));
            assertThat(read.signature()).containsExactly(signature);
            assertThat(read.paid()).isFalse();
            assertThat(read.note()).isNull();

            Map<String, AttributeValue> raw = db.client()
                    .getItem(b -> b.tableName(table)
                            .key(Map.of("pk", AttributeValue.fromS(PK.value()), "sk", AttributeValue.fromS("o-1"))))
                    .item();
            assertThat(raw.get("signature").b().asByteArray()).containsExactly(signature);
            assertThat(raw.get("total").n()).isEqualTo("12345678901234567890.123456789");
            assertThat(raw.get("placedAt").s()).isEqualTo("2026-11-25T10:15:30.123456789Z");
            assertThat(raw.get("lines").l()).hasSize(2);
            assertThat(raw.get("attributes").m().get("level").m().get("depth").l())
                    .hasSize(3);
        }
    }

    @Test
    void keyAndEtagAttributesDoNotLeakIntoMapDocuments(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            await(fixture.provider().create(Map.of("id", "m1", "colour", "blue"), PK));
            @SuppressWarnings("unchecked")
            Map<String, Object> read =
                    await(fixture.provider().getById("m1", PK, null, Map.class)).document();
            assertThat(read).containsOnlyKeys("id", "colour");
        }
    }

    @Test
    void eightThreadsIncrementingWithEtagRetryCountExactly400(EmbeddedDynamoDb db, @TestTableName String table)
            throws Exception {
        try (var fixture = TestProviders.open(db, table)) {
            var provider = fixture.provider();
            await(provider.create(new TestDocument("counter", "count", 0), PK));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Callable<Integer> worker = () -> {
                        int conflicts = 0;
                        for (int i = 0; i < 50; i++) {
                            while (true) {
                                CloudOperationResult<TestDocument> current = await(provider.getById(
                                        "counter", PK, ConsistencyOptions.strong(), TestDocument.class));
                                TestDocument next = current.document()
                                        .withValue(current.document().value() + 1);
                                CloudOperationResult<TestDocument> written =
                                        await(provider.update(next, PK, current.etag()));
                                if (written.success()) {
                                    break;
                                }
                                assertThat(written.statusCode()).isEqualTo(412);
                                conflicts++;
                            }
                        }
                        return conflicts;
                    };
                    workers.add(pool.submit(worker));
                }
                for (Future<Integer> worker : workers) {
                    worker.get();
                }
            } finally {
                pool.shutdownNow();
            }
            TestDocument counter = await(
                            provider.getById("counter", PK, ConsistencyOptions.strong(), TestDocument.class))
                    .document();
            assertThat(counter.value()).isEqualTo(400);
        }
    }
}
