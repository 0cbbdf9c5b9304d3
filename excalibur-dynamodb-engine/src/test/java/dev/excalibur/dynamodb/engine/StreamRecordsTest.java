package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Stream records (R13): one golden record per write kind and view type, compared field by field (eventID and
 * SequenceNumber by shape); one record per item of a batch or transaction; none for a write that changes nothing.
 */
class StreamRecordsTest {

    @RegisterExtension
    final StreamFixture fixture = new StreamFixture();

    private static final Map<String, AttributeValue> KEY = item("pk", "k1");
    /** 22 bytes: pk 2+2, n 1+2, empty 5+3, list 4+3; the empty map and list must survive in the images. */
    private static final Map<String, AttributeValue> V1 = version("1");

    private static final Map<String, AttributeValue> V2 = version("2");

    private static Map<String, AttributeValue> version(String number) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(item("pk", "k1", "n", n(number)));
        item.put("empty", AttributeValue.fromM(Map.of()));
        item.put("list", AttributeValue.fromL(List.of()));
        return item;
    }

    /** A write kind: what exists before, the write, the event it makes, and the images before and after. */
    private record WriteKind(
            String name,
            Map<String, AttributeValue> existing,
            Consumer<StreamFixture> write,
            OperationType event,
            Map<String, AttributeValue> oldImage,
            Map<String, AttributeValue> newImage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> goldenRecords() {
        List<WriteKind> kinds = List.of(
                new WriteKind(
                        "PutItem of a new item",
                        null,
                        f -> f.client.putItem(b -> b.tableName("golden").item(V1)),
                        OperationType.INSERT,
                        null,
                        V1),
                new WriteKind(
                        "PutItem over an item",
                        V1,
                        f -> f.client.putItem(b -> b.tableName("golden").item(V2)),
                        OperationType.MODIFY,
                        V1,
                        V2),
                new WriteKind(
                        "UpdateItem of an item",
                        V1,
                        f -> f.client.updateItem(b -> b.tableName("golden")
                                .key(KEY)
                                .updateExpression("SET n = :n")
                                .expressionAttributeValues(Map.of(":n", n("2")))),
                        OperationType.MODIFY,
                        V1,
                        V2),
                new WriteKind(
                        "UpdateItem creating the item",
                        null,
                        f -> f.client.updateItem(b -> b.tableName("golden")
                                .key(KEY)
                                .updateExpression("SET n = :n, #e = :e, #l = :l")
                                .expressionAttributeNames(Map.of("#e", "empty", "#l", "list"))
                                .expressionAttributeValues(Map.of(
                                        ":n",
                                        n("1"),
                                        ":e",
                                        AttributeValue.fromM(Map.of()),
                                        ":l",
                                        AttributeValue.fromL(List.of())))),
                        OperationType.INSERT,
                        null,
                        V1),
                new WriteKind(
                        "DeleteItem of an item",
                        V1,
                        f -> f.client.deleteItem(b -> b.tableName("golden").key(KEY)),
                        OperationType.REMOVE,
                        V1,
                        null));
        return Stream.of(
                        StreamViewType.KEYS_ONLY,
                        StreamViewType.NEW_IMAGE,
                        StreamViewType.OLD_IMAGE,
                        StreamViewType.NEW_AND_OLD_IMAGES)
                .flatMap(view -> kinds.stream().map(kind -> Arguments.of(kind, view)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("goldenRecords")
    void eachWriteKindGivesItsGoldenRecordForEachViewType(WriteKind kind, StreamViewType view) {
        String arn = fixture.table("golden", view);
        if (kind.existing() != null) {
            fixture.client.putItem(b -> b.tableName("golden").item(kind.existing()));
        }
        kind.write().accept(fixture);

        List<Record> records = fixture.readAll(arn);
        Record record = records.get(records.size() - 1);
        assertThat(records).hasSize(kind.existing() == null ? 1 : 2);
        assertThat(record.eventID()).matches("[0-9a-f]{32}");
        assertThat(record.dynamodb().sequenceNumber()).matches("[0-9]{21,40}");

        boolean withNew = view == StreamViewType.NEW_IMAGE || view == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean withOld = view == StreamViewType.OLD_IMAGE || view == StreamViewType.NEW_AND_OLD_IMAGES;
        Map<String, AttributeValue> newImage = withNew ? kind.newImage() : null;
        Map<String, AttributeValue> oldImage = withOld ? kind.oldImage() : null;
        StreamRecord.Builder golden = StreamRecord.builder()
                .approximateCreationDateTime(Instant.parse("2026-12-06T12:00:00Z"))
                .keys(KEY)
                .sequenceNumber(record.dynamodb().sequenceNumber())
                .sizeBytes(4L + (newImage == null ? 0 : 22) + (oldImage == null ? 0 : 22))
                .streamViewType(view);
        if (newImage != null) {
            golden.newImage(newImage);
        }
        if (oldImage != null) {
            golden.oldImage(oldImage);
        }
        assertThat(record)
                .isEqualTo(Record.builder()
                        .eventID(record.eventID())
                        .eventName(kind.event())
                        .eventVersion("1.1")
                        .eventSource("aws:dynamodb")
                        .awsRegion("eu-west-1")
                        .dynamodb(golden.build())
                        .build());
        assertThat(record.userIdentity())
                .as("only TTL deletions name a user identity")
                .isNull();
    }

    @Test
    void everyItemOfABatchGetsItsOwnRecord() {
        String arn = fixture.table("batch", StreamViewType.NEW_AND_OLD_IMAGES);
        fixture.put("batch", "pk", "gone", "v", 1);
        fixture.client.batchWriteItem(b -> b.requestItems(Map.of(
                "batch",
                List.of(
                        WriteRequest.builder()
                                .putRequest(p -> p.item(item("pk", "a", "v", 1)))
                                .build(),
                        WriteRequest.builder()
                                .putRequest(p -> p.item(item("pk", "b", "v", 2)))
                                .build(),
                        WriteRequest.builder()
                                .deleteRequest(d -> d.key(item("pk", "gone")))
                                .build(),
                        WriteRequest.builder()
                                .deleteRequest(d -> d.key(item("pk", "never-there")))
                                .build()))));

        List<Record> records = fixture.readAll(arn);
        assertThat(records)
                .extracting(
                        r -> r.eventName() + " " + r.dynamodb().keys().get("pk").s())
                .containsExactly("INSERT gone", "INSERT a", "INSERT b", "REMOVE gone");
    }

    @Test
    void everyItemATransactionWritesGetsItsOwnRecordAndAConditionCheckNone() {
        String arn = fixture.table("txs", StreamViewType.NEW_AND_OLD_IMAGES);
        fixture.put("txs", "pk", "b", "v", 1);
        fixture.put("txs", "pk", "c", "v", 1);
        fixture.client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder()
                        .put(p -> p.tableName("txs").item(item("pk", "a", "v", 1)))
                        .build(),
                TransactWriteItem.builder()
                        .update(u -> u.tableName("txs")
                                .key(item("pk", "b"))
                                .updateExpression("SET v = :v")
                                .expressionAttributeValues(Map.of(":v", n("2"))))
                        .build(),
                TransactWriteItem.builder()
                        .delete(d -> d.tableName("txs").key(item("pk", "c")))
                        .build(),
                TransactWriteItem.builder()
                        .conditionCheck(c ->
                                c.tableName("txs").key(item("pk", "d")).conditionExpression("attribute_not_exists(pk)"))
                        .build()));

        List<Record> records = fixture.readAll(arn).subList(2, 5);
        assertThat(records)
                .extracting(
                        r -> r.eventName() + " " + r.dynamodb().keys().get("pk").s())
                .containsExactly("INSERT a", "MODIFY b", "REMOVE c");
        assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(item("pk", "b", "v", 1));
        assertThat(records.get(1).dynamodb().newImage()).isEqualTo(item("pk", "b", "v", 2));
    }

    @Test
    void aReaderNeverSeesPartOfATransaction() throws Exception {
        String arn = fixture.table("pairs", StreamViewType.KEYS_ONLY);
        String shard = fixture.shards(arn).get(0).shardId();
        String iterator = fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON);
        Thread writer = new Thread(() -> IntStream.range(0, 300)
                .forEach(i -> fixture.client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("pairs").item(item("pk", "a" + i)))
                                .build(),
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("pairs").item(item("pk", "b" + i)))
                                .build()))));
        writer.start();
        int seen = 0;
        while (seen < 600) {
            GetRecordsResponse page = fixture.records(iterator);
            List<String> keys = page.records().stream()
                    .map(r -> r.dynamodb().keys().get("pk").s())
                    .toList();
            assertThat(keys.size() % 2).as("whole transactions only: %s", keys).isZero();
            for (int i = 0; i < keys.size(); i += 2) {
                assertThat(keys.get(i + 1)).isEqualTo("b" + keys.get(i).substring(1));
            }
            seen += keys.size();
            iterator = page.nextShardIterator();
        }
        writer.join();
    }

    @Test
    void aReplayedIdempotentTransactionWritesNoSecondRecord() {
        String arn = fixture.table("replay", StreamViewType.KEYS_ONLY);
        for (int i = 0; i < 2; i++) {
            fixture.client.transactWriteItems(b -> b.clientRequestToken("token-1")
                    .transactItems(TransactWriteItem.builder()
                            .update(u -> u.tableName("replay")
                                    .key(item("pk", "a"))
                                    .updateExpression("ADD v :one")
                                    .expressionAttributeValues(Map.of(":one", n("1"))))
                            .build()));
        }
        assertThat(fixture.readAll(arn)).hasSize(1);
    }

    @Test
    void writesThatChangeNothingWriteNoRecord() {
        String arn = fixture.table("noop", StreamViewType.NEW_AND_OLD_IMAGES);
        Map<String, AttributeValue> item = new LinkedHashMap<>(item("pk", "a", "n", n("1.50")));
        item.put("tags", AttributeValue.fromSs(List.of("x", "y")));
        fixture.client.putItem(b -> b.tableName("noop").item(item));

        Map<String, AttributeValue> same = new LinkedHashMap<>(item("pk", "a", "n", n("1.5")));
        same.put("tags", AttributeValue.fromSs(List.of("y", "x")));
        fixture.client.putItem(b -> b.tableName("noop").item(same));
        fixture.client.deleteItem(b -> b.tableName("noop").key(item("pk", "missing")));
        fixture.client.updateItem(b -> b.tableName("noop")
                .key(item("pk", "a"))
                .updateExpression("SET n = :n")
                .expressionAttributeValues(Map.of(":n", n("1.5"))));
        fixture.client.updateItem(b -> b.tableName("noop").key(item("pk", "a")).updateExpression("REMOVE absent"));
        assertThatThrownBy(() -> fixture.client.putItem(b -> b.tableName("noop")
                        .item(item("pk", "a", "n", 9))
                        .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> fixture.client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("noop").item(item("pk", "b")))
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(c -> c.tableName("noop")
                                        .key(item("pk", "a"))
                                        .conditionExpression("attribute_not_exists(pk)"))
                                .build())))
                .isInstanceOf(TransactionCanceledException.class);

        assertThat(fixture.readAll(arn))
                .singleElement()
                .satisfies(r -> assertThat(r.eventName()).isEqualTo(OperationType.INSERT));
    }

    @Test
    void oneItemsRecordsComeInWriteOrderWithIncreasingSequenceNumbers() {
        String arn = fixture.table("order", StreamViewType.NEW_IMAGE);
        IntStream.range(0, 50).forEach(i -> fixture.put("order", "pk", "a", "v", i));
        List<Record> records = fixture.readAll(arn);
        assertThat(records)
                .extracting(r -> r.dynamodb().newImage().get("v").n())
                .containsExactlyElementsOf(
                        IntStream.range(0, 50).mapToObj(Integer::toString).toList());
        assertThat(records)
                .extracting(r -> new BigInteger(r.dynamodb().sequenceNumber()))
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void approximateCreationDateTimeIsTheEngineTimeOfTheWriteTruncatedToTheSecond() {
        String arn = fixture.table("stamps", StreamViewType.KEYS_ONLY);
        fixture.engine.advance(java.time.Duration.ofMillis(1_876));
        fixture.put("stamps", "pk", "a");
        assertThat(fixture.readAll(arn))
                .singleElement()
                .satisfies(r -> assertThat(r.dynamodb().approximateCreationDateTime())
                        .isEqualTo(Instant.parse("2026-12-06T12:00:01Z")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTableWithoutAStreamHasNoStreamToList() {
        fixture.client.createTable(b -> b.tableName("plain")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));
        fixture.put("plain", "pk", "a");
        assertThat(fixture.streams.listStreams(b -> b.tableName("plain")).streams())
                .isEmpty();
    }
}
