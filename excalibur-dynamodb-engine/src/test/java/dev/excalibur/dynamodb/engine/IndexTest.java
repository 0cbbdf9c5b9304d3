package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertValidation;
import static dev.excalibur.dynamodb.engine.EngineFixture.definition;
import static dev.excalibur.dynamodb.engine.EngineFixture.gsi;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.key;
import static dev.excalibur.dynamodb.engine.EngineFixture.keysAnd;
import static dev.excalibur.dynamodb.engine.EngineFixture.n;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Global and local secondary indexes: projections, sparseness, maintenance on every write, paging keys, reads. */
class IndexTest {

    private final EngineFixture fixture = new EngineFixture();

    @BeforeEach
    void table() {
        fixture.table(
                "grants",
                ScalarAttributeType.S,
                b -> b.attributeDefinitions(keysAnd(
                                definition("type", ScalarAttributeType.S),
                                definition("score", ScalarAttributeType.N),
                                definition("at", ScalarAttributeType.N)))
                        .globalSecondaryIndexes(
                                GlobalSecondaryIndex.builder()
                                        .indexName("byType")
                                        .keySchema(key("type", KeyType.HASH), key("score", KeyType.RANGE))
                                        .projection(p -> p.projectionType(ProjectionType.INCLUDE)
                                                .nonKeyAttributes("revoked"))
                                        .build(),
                                gsi("keysOnly", "type", ProjectionType.KEYS_ONLY),
                                gsi("everything", "type"))
                        .localSecondaryIndexes(LocalSecondaryIndex.builder()
                                .indexName("byTime")
                                .keySchema(key("pk", KeyType.HASH), key("at", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                                .build()));
        put(item("pk", "u1", "sk", "g1", "type", "read", "score", 5, "revoked", false, "note", "n1", "at", 30));
        put(item("pk", "u1", "sk", "g2", "type", "read", "score", 1, "note", "n2", "at", 10));
        put(item("pk", "u2", "sk", "g1", "type", "write", "score", 3, "at", 20));
        put(item("pk", "u2", "sk", "g2", "note", "unindexed"));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void put(Map<String, AttributeValue> item) {
        fixture.client.putItem(b -> b.tableName("grants").item(item));
    }

    private QueryResponse byType(String type, String index) {
        return byType(type, index, b -> {});
    }

    /** The grants of {@code type} through the index {@code index}, with {@code options}. */
    private QueryResponse byType(String type, String index, Consumer<QueryRequest.Builder> options) {
        return fixture.client.query(b -> {
            b.tableName("grants")
                    .indexName(index)
                    .keyConditionExpression("#t = :t")
                    .expressionAttributeNames(Map.of("#t", "type"))
                    .expressionAttributeValues(Map.of(":t", s(type)));
            options.accept(b);
        });
    }

    /** The grants of u1 through the local index byTime, with {@code options}. */
    private QueryResponse byTimeOfU1(Consumer<QueryRequest.Builder> options) {
        return fixture.client.query(b -> {
            b.tableName("grants")
                    .indexName("byTime")
                    .keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("u1")));
            options.accept(b);
        });
    }

    @Test
    void projectsIncludedAttributesAndBothKeysOrderedByTheIndexSortKey() {
        assertThat(byType("read", "byType").items())
                .containsExactly(
                        item("pk", "u1", "sk", "g2", "type", "read", "score", 1),
                        item("pk", "u1", "sk", "g1", "type", "read", "score", 5, "revoked", false));
    }

    @Test
    void projectsOnlyKeysForAKeysOnlyIndex() {
        assertThat(byType("write", "keysOnly").items()).containsExactly(item("pk", "u2", "sk", "g1", "type", "write"));
    }

    @Test
    void projectsEverythingForAnAllIndex() {
        assertThat(byType("write", "everything").items())
                .containsExactly(item("pk", "u2", "sk", "g1", "type", "write", "score", 3, "at", 20));
    }

    @Test
    void leavesItemsWithoutTheIndexKeyOutOfTheIndex() {
        ScanResponse scan = fixture.client.scan(b -> b.tableName("grants").indexName("keysOnly"));
        assertThat(scan.count()).isEqualTo(3);
    }

    @Test
    void followsUpdatesAndDeletesOfIndexedItems() {
        fixture.client.updateItem(b -> b.tableName("grants")
                .key(item("pk", "u2", "sk", "g1"))
                .updateExpression("SET #t = :t")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":t", s("read"))));
        assertThat(byType("write", "byType").items()).isEmpty();
        assertThat(byType("read", "byType").items())
                .extracting(i -> i.get("score").n())
                .containsExactly("1", "3", "5");
        fixture.client.deleteItem(b -> b.tableName("grants").key(item("pk", "u1", "sk", "g1")));
        assertThat(byType("read", "byType").items())
                .extracting(i -> i.get("score").n())
                .containsExactly("1", "3");
        fixture.client.updateItem(b -> b.tableName("grants")
                .key(item("pk", "u1", "sk", "g2"))
                .updateExpression("REMOVE #t")
                .expressionAttributeNames(Map.of("#t", "type")));
        assertThat(byType("read", "byType").items())
                .extracting(i -> i.get("score").n())
                .containsExactly("3");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void pagesAGlobalIndexWithTableAndIndexKeys(int limit) {
        List<String> scores = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = byType("read", "byType", b -> b.limit(limit).exclusiveStartKey(from));
            page.items().forEach(i -> scores.add(i.get("score").n()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start.keySet()).containsExactlyInAnyOrder("pk", "sk", "type", "score");
            }
        } while (start != null);
        assertThat(scores).containsExactly("1", "5");
    }

    static Stream<Arguments> indexScans() {
        return Stream.of("byType", "keysOnly", "byTime")
                .flatMap(index -> IntStream.rangeClosed(1, 4).mapToObj(limit -> Arguments.of(index, limit)));
    }

    @ParameterizedTest(name = "{0}, limit {1}")
    @MethodSource("indexScans")
    void scansAnIndexPageByPageWithExactKeys(String index, int limit) {
        var description =
                fixture.client.describeTable(b -> b.tableName("grants")).table();
        List<String> keyNames = new ArrayList<>(List.of("pk", "sk"));
        Stream.concat(
                        description.globalSecondaryIndexes().stream()
                                .filter(i -> i.indexName().equals(index))
                                .map(i -> i.keySchema()),
                        description.localSecondaryIndexes().stream()
                                .filter(i -> i.indexName().equals(index))
                                .map(i -> i.keySchema()))
                .flatMap(List::stream)
                .map(KeySchemaElement::attributeName)
                .filter(n -> !keyNames.contains(n))
                .forEach(keyNames::add);
        List<Map<String, AttributeValue>> all =
                fixture.client.scan(b -> b.tableName("grants").indexName(index)).items();
        List<Map<String, AttributeValue>> paged = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = fixture.client.scan(
                    b -> b.tableName("grants").indexName(index).limit(limit).exclusiveStartKey(from));
            paged.addAll(page.items());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start.keySet()).containsExactlyInAnyOrderElementsOf(keyNames);
            }
        } while (start != null);
        assertThat(paged).containsExactlyElementsOf(all).isNotEmpty();
    }

    @Test
    void pagesALocalIndexWithTheTableKeysAndTheIndexSortKey() {
        QueryResponse page = byTimeOfU1(b -> b.limit(1));
        assertThat(page.items()).containsExactly(item("pk", "u1", "sk", "g2", "at", 10));
        assertThat(page.lastEvaluatedKey()).isEqualTo(item("pk", "u1", "sk", "g2", "at", 10));
    }

    @Test
    void fetchesAllAttributesThroughALocalIndex() {
        QueryResponse response = fixture.client.query(b -> b.tableName("grants")
                .indexName("byTime")
                .keyConditionExpression("pk = :p AND #a > :a")
                .expressionAttributeNames(Map.of("#a", "at"))
                .expressionAttributeValues(Map.of(":p", s("u1"), ":a", n("15")))
                .select(Select.ALL_ATTRIBUTES)
                .consistentRead(true));
        assertThat(response.items())
                .containsExactly(item(
                        "pk", "u1", "sk", "g1", "type", "read", "score", 5, "revoked", false, "note", "n1", "at", 30));
    }

    @Test
    void projectsAttributesBeyondALocalIndexProjectionFromTheTable() {
        QueryResponse response =
                byTimeOfU1(b -> b.projectionExpression("note, #a").expressionAttributeNames(Map.of("#a", "at")));
        assertThat(response.items()).containsExactly(item("note", "n2", "at", 10), item("note", "n1", "at", 30));
    }

    @Test
    void countsOnAnIndex() {
        QueryResponse response = byType("read", "byType", b -> b.select(Select.COUNT));
        assertThat(response.count()).isEqualTo(2);
        assertThat(response.hasItems()).isFalse();
    }

    @Test
    void refusesAConsistentReadOnAGlobalIndex() {
        assertValidation(
                () -> byType("read", "byType", b -> b.consistentRead(true)),
                "Consistent reads are not supported on global secondary indexes");
        assertValidation(
                () -> fixture.client.scan(
                        b -> b.tableName("grants").indexName("keysOnly").consistentRead(true)),
                "Consistent reads are not supported on global secondary indexes");
    }

    @Test
    void refusesAllAttributesFromAGlobalIndexThatDoesNotProjectThem() {
        assertValidation(
                () -> fixture.client.scan(
                        b -> b.tableName("grants").indexName("keysOnly").select(Select.ALL_ATTRIBUTES)),
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index keysOnly because its projection type is not ALL");
    }

    @Test
    void refusesAnEmptyStringAsAnIndexKey() {
        assertValidation(
                () -> put(item("pk", "u3", "sk", "g1", "type", "")),
                "One or more parameter values are not valid. A value specified for a secondary index key is not supported. "
                        + "The AttributeValue for a key attribute cannot contain an empty string value. IndexName: byType, IndexKey: type");
    }

    @Test
    void reportsTheItemCollectionOfATableWithALocalIndexWhenAsked() {
        var metrics = fixture.client
                .putItem(b -> b.tableName("grants")
                        .item(item("pk", "u1", "sk", "g3", "at", 5))
                        .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE))
                .itemCollectionMetrics();
        assertThat(metrics.itemCollectionKey()).isEqualTo(item("pk", "u1"));
        assertThat(metrics.sizeEstimateRangeGB()).containsExactly(0.0, 1.0);
        assertThat(fixture.client
                        .putItem(b -> b.tableName("grants").item(item("pk", "u1", "sk", "g4")))
                        .itemCollectionMetrics())
                .isNull();
        var batch = fixture.client
                .batchWriteItem(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                        .requestItems(Map.of(
                                "grants",
                                List.of(WriteRequest.builder()
                                        .deleteRequest(d -> d.key(item("pk", "u2", "sk", "g2")))
                                        .build()))))
                .itemCollectionMetrics();
        assertThat(batch.get("grants"))
                .singleElement()
                .satisfies(m -> assertThat(m.itemCollectionKey()).isEqualTo(item("pk", "u2")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void backfillsANewIndexLeavingOutItemsOfAnotherKeyType() {
        put(item("pk", "u3", "sk", "g1", "owner", 7));
        put(item("pk", "u3", "sk", "g2", "owner", "w1"));
        var created = fixture.client
                .updateTable(b -> b.tableName("grants")
                        .attributeDefinitions(definition("owner", ScalarAttributeType.S))
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byOwner")
                                .keySchema(key("owner", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))))
                .tableDescription();
        assertThat(created.globalSecondaryIndexes())
                .filteredOn(i -> i.indexName().equals("byOwner"))
                .singleElement()
                .satisfies(i -> assertThat(i.itemCount()).isEqualTo(1));
    }

    @Test
    void reportsIndexItemCountsInTheDescription() {
        var indexes =
                fixture.client.describeTable(b -> b.tableName("grants")).table().globalSecondaryIndexes();
        assertThat(indexes)
                .extracting(i -> i.indexName() + "=" + i.itemCount())
                .containsExactly("byType=3", "keysOnly=3", "everything=3");
        assertThat(indexes.get(0).indexSizeBytes()).isPositive();
    }
}
