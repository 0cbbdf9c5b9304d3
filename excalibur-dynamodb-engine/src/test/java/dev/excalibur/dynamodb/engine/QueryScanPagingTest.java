package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertValidation;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.n;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query and Scan on tables: order, Limit before the filter, LastEvaluatedKey, Select, 1 MB pages, parallel Scan. */
class QueryScanPagingTest {

    private static final int ITEMS = 10;

    private final EngineFixture fixture = new EngineFixture();

    @BeforeEach
    void table() {
        fixture.table("events", ScalarAttributeType.N);
        for (int i = 0; i < ITEMS; i++) {
            int sk = i;
            fixture.client.putItem(b ->
                    b.tableName("events").item(item("pk", "p", "sk", sk, "even", sk % 2 == 0 ? "yes" : "no")));
        }
        fixture.client.putItem(b -> b.tableName("events").item(item("pk", "other", "sk", 1)));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private QueryResponse query(Consumer<QueryRequest.Builder> more) {
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName("events")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p")));
        more.accept(request);
        return fixture.client.query(request.build());
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").n()).toList();
    }

    @Test
    void returnsAPartitionInSortKeyOrder() {
        QueryResponse response = query(b -> {});
        assertThat(sortKeys(response.items())).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(response.count()).isEqualTo(ITEMS);
        assertThat(response.scannedCount()).isEqualTo(ITEMS);
        assertThat(response.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void returnsAPartitionBackwards() {
        assertThat(sortKeys(query(b -> b.scanIndexForward(false).limit(3)).items()))
                .containsExactly("9", "8", "7");
    }

    @Test
    void appliesTheSortKeyCondition() {
        assertThat(sortKeys(query(b -> b.keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                                .expressionAttributeValues(Map.of(":p", s("p"), ":a", n("3"), ":b", n("5"))))
                        .items()))
                .containsExactly("3", "4", "5");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 9, 10, 11})
    void pagesThroughAPartitionWithExactKeys(int limit) {
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = query(b -> b.limit(limit).exclusiveStartKey(from));
            seen.addAll(sortKeys(page.items()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start.keySet()).containsExactlyInAnyOrder("pk", "sk");
            }
            pages++;
        } while (start != null);
        assertThat(seen).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        // a page that stops at Limit carries a LastEvaluatedKey even when nothing is left
        assertThat(pages).isEqualTo(ITEMS / limit + 1);
    }

    @Test
    void countsLimitBeforeTheFilter() {
        QueryResponse page = query(b -> b.limit(4)
                .filterExpression("even = :no")
                .expressionAttributeValues(Map.of(":p", s("p"), ":no", s("no"))));
        assertThat(sortKeys(page.items())).containsExactly("1", "3");
        assertThat(page.count()).isEqualTo(2);
        assertThat(page.scannedCount()).isEqualTo(4);
        assertThat(page.lastEvaluatedKey()).isEqualTo(item("pk", "p", "sk", 3));
    }

    @Test
    void returnsAnEmptyPageWithAKeyWhenTheFilterMatchesNothingRead() {
        QueryResponse page = query(b -> b.limit(1)
                .filterExpression("even = :no")
                .expressionAttributeValues(Map.of(":p", s("p"), ":no", s("no"))));
        assertThat(page.items()).isEmpty();
        assertThat(page.lastEvaluatedKey()).isEqualTo(item("pk", "p", "sk", 0));
    }

    @Test
    void countsWithoutItems() {
        QueryResponse page = query(b -> b.select(Select.COUNT));
        assertThat(page.count()).isEqualTo(ITEMS);
        assertThat(page.hasItems()).isFalse();
        QueryResponse limited = query(b -> b.select(Select.COUNT).limit(4));
        assertThat(limited.count()).isEqualTo(4);
        assertThat(limited.hasLastEvaluatedKey()).isTrue();
    }

    @Test
    void projectsSpecificAttributes() {
        assertThat(query(b -> b.projectionExpression("sk").limit(1)).items()).containsExactly(item("sk", 0));
        assertThat(query(b -> b.projectionExpression("sk")
                                .select(Select.SPECIFIC_ATTRIBUTES)
                                .limit(1))
                        .items())
                .containsExactly(item("sk", 0));
    }

    @Test
    void ordersNumbersNumerically() {
        fixture.table("numbers", ScalarAttributeType.N);
        for (String number : List.of("10", "-5", "2.5", "-0.5", "100", "0", "-100.25")) {
            fixture.client.putItem(b -> b.tableName("numbers").item(item("pk", "p", "sk", n(number))));
        }
        QueryResponse response = fixture.client.query(b -> b.tableName("numbers")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(sortKeys(response.items())).containsExactly("-100.25", "-5", "-0.5", "0", "2.5", "10", "100");
    }

    @Test
    void ordersStringsByUtf8BytesAndBinariesAsUnsignedBytes() {
        fixture.table("strings", ScalarAttributeType.S);
        for (String text : List.of("b", "a", "Z", "é", "item-19", "other")) {
            fixture.client.putItem(b -> b.tableName("strings").item(item("pk", "p", "sk", text)));
        }
        assertThat(fixture.client
                        .query(b -> b.tableName("strings")
                                .keyConditionExpression("pk = :p")
                                .expressionAttributeValues(Map.of(":p", s("p"))))
                        .items())
                .extracting(i -> i.get("sk").s())
                .containsExactly("Z", "a", "b", "item-19", "other", "é");
        fixture.table("binaries", ScalarAttributeType.B);
        for (int value : List.of(0x7f, 0x80, 0x01, 0xff)) {
            fixture.client.putItem(b -> b.tableName("binaries")
                    .item(item(
                            "pk", "p", "sk", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) value})))));
        }
        assertThat(fixture.client
                        .query(b -> b.tableName("binaries")
                                .keyConditionExpression("pk = :p")
                                .expressionAttributeValues(Map.of(":p", s("p"))))
                        .items())
                .extracting(i -> i.get("sk").b().asByteArray()[0] & 0xff)
                .containsExactly(0x01, 0x7f, 0x80, 0xff);
    }

    @Test
    void stopsAPageAtOneMegabyte() {
        fixture.table("large", ScalarAttributeType.N);
        String payload = "x".repeat(300_000);
        for (int i = 0; i < 5; i++) {
            int sk = i;
            fixture.client.putItem(b -> b.tableName("large").item(item("pk", "p", "sk", sk, "data", payload)));
        }
        QueryResponse first = fixture.client.query(b ->
                b.tableName("large").keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", s("p"))));
        assertThat(first.count()).isEqualTo(4);
        assertThat(first.lastEvaluatedKey()).isEqualTo(item("pk", "p", "sk", 3));
        ScanResponse scan = fixture.client.scan(b -> b.tableName("large"));
        assertThat(scan.count()).isEqualTo(4);
        assertThat(scan.hasLastEvaluatedKey()).isTrue();
    }

    @Test
    void scansEverythingAcrossPages() {
        Set<Map<String, AttributeValue>> seen = new HashSet<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page =
                    fixture.client.scan(b -> b.tableName("events").limit(4).exclusiveStartKey(from));
            page.items().forEach(i -> assertThat(seen.add(i)).isTrue());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        assertThat(seen).hasSize(ITEMS + 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7})
    void splitsAParallelScanIntoDisjointSegmentsThatCoverTheTable(int totalSegments) {
        IntStream.range(0, 40)
                .forEach(i -> fixture.client.putItem(b -> b.tableName("events").item(item("pk", "k" + i, "sk", 0))));
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        for (int segment = 0; segment < totalSegments; segment++) {
            int current = segment;
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                ScanResponse page = fixture.client.scan(b -> b.tableName("events")
                        .segment(current)
                        .totalSegments(totalSegments)
                        .limit(3)
                        .exclusiveStartKey(from));
                all.addAll(page.items());
                start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        }
        assertThat(all).hasSize(ITEMS + 1 + 40).doesNotHaveDuplicates();
    }

    @Test
    void refusesAStartKeyThatDoesNotMatchTheSchema() {
        assertValidation(
                () -> query(b -> b.exclusiveStartKey(item("pk", "p"))),
                "The provided starting key is invalid: The provided key element does not match the schema");
        assertValidation(
                () -> fixture.client.scan(b -> b.tableName("events").exclusiveStartKey(item("pk", "p", "sk", "text"))),
                "The provided starting key is invalid: The provided key element does not match the schema");
    }

    @Test
    void refusesAStartKeyOutsideTheKeyCondition() {
        assertValidation(
                () -> query(b -> b.exclusiveStartKey(item("pk", "other", "sk", 1))),
                "The provided starting key is outside query boundaries based on provided conditions");
        assertValidation(
                () -> query(b -> b.keyConditionExpression("pk = :p AND sk > :five")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":five", n("5")))
                        .exclusiveStartKey(item("pk", "p", "sk", 2))),
                "The provided starting key is outside query boundaries based on provided conditions");
    }

    static Stream<Arguments> invalidReads() {
        return Stream.of(
                Arguments.of(
                        "limit 0",
                        (Consumer<ScanRequest.Builder>) b -> b.limit(0),
                        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                Arguments.of(
                        "segment without total",
                        (Consumer<ScanRequest.Builder>) b -> b.segment(0),
                        "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"),
                Arguments.of(
                        "total without segment",
                        (Consumer<ScanRequest.Builder>) b -> b.totalSegments(2),
                        "The Segment parameter is required but was not present in the request when parameter TotalSegments is present"),
                Arguments.of(
                        "segment out of range",
                        (Consumer<ScanRequest.Builder>) b -> b.segment(1).totalSegments(1),
                        "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 1 is not less than TotalSegments: 1"),
                Arguments.of(
                        "projection with ALL_ATTRIBUTES",
                        (Consumer<ScanRequest.Builder>)
                                b -> b.select(Select.ALL_ATTRIBUTES).projectionExpression("pk"),
                        "Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES"),
                Arguments.of(
                        "projection with COUNT",
                        (Consumer<ScanRequest.Builder>)
                                b -> b.select(Select.COUNT).projectionExpression("pk"),
                        "Cannot specify the ProjectionExpression when choosing to get only the Count"),
                Arguments.of(
                        "ALL_PROJECTED_ATTRIBUTES on a table",
                        (Consumer<ScanRequest.Builder>) b -> b.select(Select.ALL_PROJECTED_ATTRIBUTES),
                        "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"),
                Arguments.of(
                        "unknown index",
                        (Consumer<ScanRequest.Builder>) b -> b.indexName("nope"),
                        "The table does not have the specified index: nope"),
                Arguments.of(
                        "unknown Select",
                        (Consumer<ScanRequest.Builder>) b -> b.select("SOME"),
                        "1 validation error detected: Value 'SOME' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReads")
    void refusesAnInvalidScanWithTheServiceMessage(
            String situation, Consumer<ScanRequest.Builder> change, String message) {
        ScanRequest.Builder request = ScanRequest.builder().tableName("events");
        change.accept(request);
        assertValidation(() -> fixture.client.scan(request.build()), message);
    }

    private static Condition legacy(ComparisonOperator operator, AttributeValue... values) {
        return Condition.builder()
                .comparisonOperator(operator)
                .attributeValueList(values)
                .build();
    }

    @Test
    void queriesWithLegacyKeyConditionsQueryFilterAndAttributesToGet() {
        QueryResponse response = fixture.client.query(b -> b.tableName("events")
                .keyConditions(Map.of(
                        "pk",
                        legacy(ComparisonOperator.EQ, s("p")),
                        "sk",
                        legacy(ComparisonOperator.BETWEEN, n("2"), n("6"))))
                .queryFilter(Map.of("even", legacy(ComparisonOperator.EQ, s("yes"))))
                .attributesToGet("sk"));
        assertThat(response.items()).containsExactly(item("sk", 2), item("sk", 4), item("sk", 6));
        assertThat(response.scannedCount()).isEqualTo(5);
    }

    @Test
    void scansWithALegacyScanFilter() {
        ScanResponse response = fixture.client.scan(b -> b.tableName("events")
                .scanFilter(Map.of(
                        "sk", legacy(ComparisonOperator.GE, n("8")), "pk", legacy(ComparisonOperator.EQ, s("p")))));
        assertThat(sortKeys(response.items())).containsExactlyInAnyOrder("8", "9");
    }

    @Test
    void refusesALegacyKeyConditionThatIsNotIndexable() {
        assertValidation(
                () -> fixture.client.query(b ->
                        b.tableName("events").keyConditions(Map.of("pk", legacy(ComparisonOperator.NE, s("p"))))),
                "Attempted conditional constraint is not an indexable operation");
    }

    @Test
    void refusesMixingLegacyAndExpressionReadParameters() {
        assertValidation(
                () -> query(b -> b.attributesToGet("sk")),
                "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {KeyConditionExpression}");
    }

    @Test
    void refusesAQueryWithoutAKeyCondition() {
        assertValidation(
                () -> fixture.client.query(b -> b.tableName("events")),
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    }

    @Test
    void refusesAQueryThatMissesThePartitionKey() {
        assertValidation(
                () -> fixture.client.query(b -> b.tableName("events")
                        .keyConditionExpression("sk = :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))),
                "Query condition missed key schema element: pk");
    }

    @Test
    void refusesAQueryFilterOnAKeyAttribute() {
        assertValidation(
                () -> query(b ->
                        b.filterExpression("sk > :v").expressionAttributeValues(Map.of(":p", s("p"), ":v", n("1")))),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Test
    void acceptsAScanFilterOnAKeyAttribute() {
        assertThat(fixture.client
                        .scan(b -> b.tableName("events")
                                .filterExpression("sk > :v")
                                .expressionAttributeValues(Map.of(":v", n("7"))))
                        .count())
                .isEqualTo(2);
    }

    @Test
    void refusesAKeyConditionValueOfTheWrongType() {
        assertValidation(
                () -> fixture.client.query(b -> b.tableName("events")
                        .keyConditionExpression("pk = :v")
                        .expressionAttributeValues(Map.of(":v", n("1")))),
                "One or more parameter values were invalid: Condition parameter type does not match schema type");
    }
}
