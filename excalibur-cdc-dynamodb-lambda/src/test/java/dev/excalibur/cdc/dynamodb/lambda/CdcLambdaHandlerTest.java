package dev.excalibur.cdc.dynamodb.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.DocumentDecoder;
import dev.excalibur.cdc.dynamodb.internal.CdcChanges;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

class CdcLambdaHandlerTest {

    private static final String REGION = "us-east-1";
    private static final byte[] PAYLOAD = {0, (byte) 0xFF, 0x7F, 0x10, (byte) 0x80};
    private static final int RECORDS = 7;

    /** The stream ARN of the table, and its records as DynamoDB Streams returned them. */
    private static String streamArn;

    private static List<Record> streamRecords;

    /**
     * Writes changes with every attribute type and reads their stream records. (No empty map: in
     * DynamoDB Local's stream records an empty M loses its type, which real DynamoDB keeps.)
     */
    @BeforeAll
    static void writeAndReadTheStream() throws InterruptedException {
        EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
        String table = db.createStreamTable("cdc_lambda");
        var client = db.client();
        client.putItem(p -> p.tableName(table)
                .item(Map.ofEntries(
                        Map.entry("pk", fromS("order-1")),
                        Map.entry("amount", fromN("12.5")),
                        Map.entry("precise", fromN("123456789012345678901234567890.5")),
                        Map.entry("payload", fromB(SdkBytes.fromByteArray(PAYLOAD))),
                        Map.entry("paid", fromBool(true)),
                        Map.entry("note", fromNul(true)),
                        Map.entry(
                                "lines",
                                fromL(List.of(
                                        fromS("widget"),
                                        fromN("3"),
                                        fromM(Map.of("sku", fromS("W-1"))),
                                        fromL(List.of())))),
                        Map.entry(
                                "address",
                                fromM(Map.of(
                                        "city",
                                        fromS("Oslo"),
                                        "zip",
                                        fromN("150"),
                                        "geo",
                                        fromM(Map.of("lat", fromN("59.91")))))),
                        Map.entry("tags", fromSs(List.of("new", "priority"))),
                        Map.entry("sizes", fromNs(List.of("1", "2.5"))),
                        Map.entry(
                                "blobs",
                                fromBs(List.of(
                                        SdkBytes.fromByteArray(new byte[] {1, 2}),
                                        SdkBytes.fromByteArray(new byte[] {3})))))));
        client.putItem(p -> p.tableName(table).item(Map.of("pk", fromS("order-2"), "amount", fromN("7"))));
        client.updateItem(u -> u.tableName(table)
                .key(Map.of("pk", fromS("order-1")))
                .updateExpression("SET amount = :amount, paid = :paid ADD tags :tag REMOVE note")
                .expressionAttributeValues(
                        Map.of(":amount", fromN("15"), ":paid", fromBool(false), ":tag", fromSs(List.of("shipped")))));
        client.putItem(p -> p.tableName(table).item(Map.of("pk", fromS("order-3"), "amount", fromN("1"))));
        client.deleteItem(d -> d.tableName(table).key(Map.of("pk", fromS("order-2"))));
        client.putItem(p -> p.tableName(table)
                .item(Map.of("pk", fromS("order-1"), "amount", fromN("20"), "status", fromS("closed"))));
        client.deleteItem(d -> d.tableName(table).key(Map.of("pk", fromS("order-3"))));

        streamArn = client.describeTable(d -> d.tableName(table)).table().latestStreamArn();
        streamRecords = readStream(db, streamArn, RECORDS);
    }

    /** Reads the stream from the trim horizon of its shards until {@code count} records arrived. */
    private static List<Record> readStream(EmbeddedDynamoDb db, String arn, int count) throws InterruptedException {
        var streams = db.streamsClient();
        List<Shard> shards = streams.describeStream(d -> d.streamArn(arn))
                .streamDescription()
                .shards();
        assertThat(shards).as("a new table's stream has one shard").hasSize(1);
        String iterator = streams.getShardIterator(g -> g.streamArn(arn)
                        .shardId(shards.get(0).shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<Record> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (records.size() < count && iterator != null && System.nanoTime() < deadline) {
            String current = iterator;
            var response = streams.getRecords(g -> g.shardIterator(current));
            records.addAll(response.records());
            iterator = response.nextShardIterator();
            if (response.records().isEmpty()) {
                Thread.sleep(20);
            }
        }
        assertThat(records).hasSize(count);
        return List.copyOf(records);
    }

    /** A fresh Lambda event for the stream records (tests may change it). */
    private static DynamodbEvent event() {
        return LambdaEvents.event(streamArn, REGION, streamRecords);
    }

    private static String sequenceNumber(int index) {
        return streamRecords.get(index).dynamodb().sequenceNumber();
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream()
                .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    private static List<String> sequenceNumbers(List<CdcChange> changes) {
        return changes.stream().map(CdcChange::sequenceNumber).toList();
    }

    @Test
    void everyChangeReachesTheHandlerInRecordOrderAsTheStreamRecordedItAndSuccessReportsNoFailures() {
        List<CdcChange> seen = new ArrayList<>();

        StreamsEventResponse response =
                new CdcLambdaHandler((CdcChange change) -> seen.add(change)).handleRequest(event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(seen).hasSize(RECORDS).isEqualTo(CdcChanges.fromRecords(streamArn, streamRecords, null));
        assertThat(sequenceNumbers(seen))
                .isEqualTo(streamRecords.stream()
                        .map(r -> r.dynamodb().sequenceNumber())
                        .toList());
        assertThat(seen)
                .extracting(CdcChange::eventId)
                .isEqualTo(streamRecords.stream().map(Record::eventID).toList());
        assertThat(seen)
                .extracting(CdcChange::shardId)
                .as("the stream ARN stands for the shard")
                .containsOnly(streamArn);
        assertThat(seen)
                .extracting(CdcChange::type)
                .containsExactly(
                        ChangeFeedEventType.CREATED,
                        ChangeFeedEventType.CREATED,
                        ChangeFeedEventType.UPDATED,
                        ChangeFeedEventType.CREATED,
                        ChangeFeedEventType.DELETED,
                        ChangeFeedEventType.UPDATED,
                        ChangeFeedEventType.DELETED);
        assertThat(seen)
                .extracting(c -> c.keys().get("pk").s())
                .containsExactly("order-1", "order-2", "order-1", "order-3", "order-2", "order-1", "order-3");
        assertThat(seen).allSatisfy(c -> assertThat(c.approximateCreationTime()).isNotNull());
    }

    @Test
    void theChangesCarryTheAttributeValuesThatWereWritten() {
        List<CdcChange> seen = new ArrayList<>();
        new CdcLambdaHandler((CdcChange change) -> seen.add(change)).handleRequest(event(), null);

        CdcChange created = seen.get(0);
        assertThat(created.oldImage()).isNull();
        var item = created.newImage();
        assertThat(item.get("amount").n()).isEqualTo("12.5");
        assertThat(item.get("precise").n()).isEqualTo("123456789012345678901234567890.5");
        assertThat(item.get("payload").b().asByteArray()).containsExactly(PAYLOAD);
        assertThat(item.get("paid").bool()).isTrue();
        assertThat(item.get("note").nul()).isTrue();
        assertThat(item.get("lines").l())
                .containsExactly(fromS("widget"), fromN("3"), fromM(Map.of("sku", fromS("W-1"))), fromL(List.of()));
        assertThat(item.get("address").m())
                .isEqualTo(Map.of(
                        "city", fromS("Oslo"), "zip", fromN("150"), "geo", fromM(Map.of("lat", fromN("59.91")))));
        assertThat(item.get("tags").ss()).containsExactlyInAnyOrder("new", "priority");
        assertThat(item.get("sizes").ns()).containsExactlyInAnyOrder("1", "2.5");
        assertThat(item.get("blobs").bs())
                .containsExactlyInAnyOrder(
                        SdkBytes.fromByteArray(new byte[] {1, 2}), SdkBytes.fromByteArray(new byte[] {3}));

        CdcChange updated = seen.get(2);
        assertThat(updated.oldImage()).isEqualTo(item);
        assertThat(updated.newImage().get("amount").n()).isEqualTo("15");
        assertThat(updated.newImage().get("paid").bool()).isFalse();
        assertThat(updated.newImage()).doesNotContainKey("note");
        assertThat(updated.newImage().get("tags").ss()).containsExactlyInAnyOrder("new", "priority", "shipped");

        CdcChange deleted = seen.get(4);
        assertThat(deleted.newImage()).isNull();
        assertThat(deleted.oldImage()).isEqualTo(Map.of("pk", fromS("order-2"), "amount", fromN("7")));

        assertThat(seen.get(5).newImage())
                .isEqualTo(Map.of("pk", fromS("order-1"), "amount", fromN("20"), "status", fromS("closed")));
    }

    /** The items of the event as a function reads them. */
    record Row(String pk, BigDecimal amount, Boolean paid, Set<String> tags, String status) {}

    /** A function's own decoder of {@link Row}s (a function may use the provider's mapper: it is not this module's concern). */
    static final class RowDecoder implements DocumentDecoder {
        @Override
        public <T> T decode(
                Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item, Class<T> type) {
            assertThat(type).isEqualTo(Row.class);
            return type.cast(new Row(
                    item.get("pk").s(),
                    new BigDecimal(item.get("amount").n()),
                    item.containsKey("paid") ? item.get("paid").bool() : null,
                    item.containsKey("tags") ? Set.copyOf(item.get("tags").ss()) : null,
                    item.containsKey("status") ? item.get("status").s() : null));
        }
    }

    @Test
    void withADecoderEveryHandlerReadsTheImagesAsDocuments() {
        RowDecoder decoder = new RowDecoder();
        Row placed = new Row("order-1", new BigDecimal("12.5"), true, Set.of("new", "priority"), null);
        Row second = new Row("order-2", new BigDecimal("7"), null, null, null);
        Row paidLater = new Row("order-1", new BigDecimal("15"), false, Set.of("new", "priority", "shipped"), null);
        Row third = new Row("order-3", BigDecimal.ONE, null, null, null);
        Row closed = new Row("order-1", new BigDecimal("20"), null, null, "closed");
        List<Row> after = new ArrayList<>();
        List<Row> before = new ArrayList<>();

        StreamsEventResponse response = new CdcLambdaHandler(
                        (CdcChange change) -> {
                            after.add(change.newDocument(Row.class));
                            before.add(change.oldDocument(Row.class));
                        },
                        decoder)
                .handleRequest(event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(after).containsExactly(placed, second, paidLater, third, null, closed, null);
        assertThat(before).containsExactly(null, null, placed, null, second, paidLater, third);

        List<Row> batch = new ArrayList<>();
        new CdcLambdaHandler(
                        (List<CdcChange> changes) -> changes.forEach(c -> batch.add(c.newDocument(Row.class))), decoder)
                .handleRequest(event(), null);
        assertThat(batch).isEqualTo(after);
    }

    @Test
    void withoutADecoderReadingADocumentFailsTheChangeAndItIsReportedForRetry() {
        StreamsEventResponse response =
                new CdcLambdaHandler((CdcChange change) -> change.newDocument(Row.class)).handleRequest(event(), null);

        assertThat(failures(response)).containsExactly(sequenceNumber(0));
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {0, 3, RECORDS - 1})
    void failureOnRecordKReportsRecordKSequenceNumber(int k) {
        List<CdcChange> seen = new ArrayList<>();
        CdcHandler failingOnK = change -> {
            seen.add(change);
            if (change.sequenceNumber().equals(sequenceNumber(k))) {
                throw new IllegalStateException("projection unavailable");
            }
        };

        StreamsEventResponse response = new CdcLambdaHandler(failingOnK).handleRequest(event(), null);

        assertThat(failures(response)).containsExactly(sequenceNumber(k));
        assertThat(sequenceNumbers(seen))
                .as("records after k are not handed to the handler")
                .isEqualTo(streamRecords.subList(0, k + 1).stream()
                        .map(r -> r.dynamodb().sequenceNumber())
                        .toList());

        // Lambda retries from the reported record on; now the handler succeeds.
        List<CdcChange> retried = new ArrayList<>();
        StreamsEventResponse retry = new CdcLambdaHandler((CdcChange change) -> retried.add(change))
                .handleRequest(LambdaEvents.event(streamArn, REGION, streamRecords.subList(k, RECORDS)), null);
        assertThat(retry.getBatchItemFailures()).isEmpty();
        assertThat(retried).isEqualTo(CdcChanges.fromRecords(streamArn, streamRecords.subList(k, RECORDS), null));
    }

    @Test
    void batchHandlerReceivesAllChangesInOneCallAndSuccessReportsNoFailures() {
        List<List<CdcChange>> calls = new ArrayList<>();

        StreamsEventResponse response = new CdcLambdaHandler(
                        (List<CdcChange> changes) -> calls.add(List.copyOf(changes)))
                .handleRequest(event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(calls).containsExactly(CdcChanges.fromRecords(streamArn, streamRecords, null));
    }

    @Test
    void batchHandlerFailureReportsTheFirstSequenceNumber() {
        CdcBatchHandler failing = changes -> {
            throw new IllegalStateException("downstream rejected the batch");
        };

        StreamsEventResponse response = new CdcLambdaHandler(failing).handleRequest(event(), null);

        assertThat(failures(response)).containsExactly(sequenceNumber(0));
    }

    @Test
    void recordsWithAnUnknownEventNameAreSkippedAndAFailureAfterThemStillNamesTheFailingRecord() {
        DynamodbEvent event = event();
        event.getRecords().get(1).setEventName("ARCHIVE");
        event.getRecords().get(2).setEventName("ARCHIVE");
        List<CdcChange> seen = new ArrayList<>();
        CdcHandler failingOnFourth = change -> {
            seen.add(change);
            if (change.sequenceNumber().equals(sequenceNumber(4))) {
                throw new IllegalStateException("failing on record 4, the third change");
            }
        };

        StreamsEventResponse response = new CdcLambdaHandler(failingOnFourth).handleRequest(event, null);

        assertThat(failures(response)).containsExactly(sequenceNumber(4));
        assertThat(sequenceNumbers(seen)).containsExactly(sequenceNumber(0), sequenceNumber(3), sequenceNumber(4));
    }

    @Test
    void batchFailureWhenTheFirstRecordIsSkippedStillNamesTheFirstRecord() {
        DynamodbEvent event = event();
        event.getRecords().get(0).setEventName("ARCHIVE");
        List<List<CdcChange>> calls = new ArrayList<>();
        CdcBatchHandler failing = changes -> {
            calls.add(List.copyOf(changes));
            throw new IllegalStateException("downstream rejected the batch");
        };

        StreamsEventResponse response = new CdcLambdaHandler(failing).handleRequest(event, null);

        assertThat(failures(response)).containsExactly(sequenceNumber(0));
        assertThat(calls).hasSize(1);
        assertThat(sequenceNumbers(calls.get(0)))
                .isEqualTo(streamRecords.subList(1, RECORDS).stream()
                        .map(r -> r.dynamodb().sequenceNumber())
                        .toList());
    }

    @Test
    void anEventOfOnlyUnknownRecordsSucceedsWithoutCallingTheHandler() {
        DynamodbEvent event = event();
        event.getRecords().forEach(r -> r.setEventName("ARCHIVE"));
        List<Object> calls = new ArrayList<>();

        assertThat(new CdcLambdaHandler((CdcChange c) -> calls.add(c))
                        .handleRequest(event, null)
                        .getBatchItemFailures())
                .isEmpty();
        assertThat(new CdcLambdaHandler((List<CdcChange> c) -> calls.add(c))
                        .handleRequest(event(), null)
                        .getBatchItemFailures())
                .isEmpty();
        assertThat(calls)
                .as("only the second, unmodified event reached a handler")
                .hasSize(1);
    }

    @Test
    void nullOrEmptyEventIsASuccessWithNothingToDo() {
        List<Object> calls = new ArrayList<>();
        CdcLambdaHandler perChange = new CdcLambdaHandler((CdcChange c) -> calls.add(c));
        CdcLambdaHandler batch = new CdcLambdaHandler((List<CdcChange> c) -> calls.add(c));
        DynamodbEvent withoutRecords = new DynamodbEvent();
        DynamodbEvent empty = new DynamodbEvent();
        empty.setRecords(List.of());

        for (CdcLambdaHandler handler : List.of(perChange, batch)) {
            for (DynamodbEvent event : new DynamodbEvent[] {null, withoutRecords, empty}) {
                StreamsEventResponse response = handler.handleRequest(event, null);
                assertThat(response).isNotNull();
                assertThat(response.getBatchItemFailures()).isNotNull().isEmpty();
            }
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void aMalformedRecordFailsTheWholeBatchWithoutHandlingAnything() {
        List<java.util.function.Consumer<DynamodbEvent.DynamodbStreamRecord>> breakages = List.of(
                record -> record.setDynamodb(null),
                record -> record.getDynamodb().setSequenceNumber(null),
                record -> record.getDynamodb().setApproximateCreationDateTime(null),
                record -> record.getDynamodb().getNewImage().put("broken", new AttributeValue()));
        for (var breakage : breakages) {
            DynamodbEvent event = event();
            breakage.accept(event.getRecords().get(3));
            List<Object> calls = new ArrayList<>();

            StreamsEventResponse perChange =
                    new CdcLambdaHandler((CdcChange c) -> calls.add(c)).handleRequest(event, null);
            StreamsEventResponse batch =
                    new CdcLambdaHandler((List<CdcChange> c) -> calls.add(c)).handleRequest(event, null);

            assertThat(failures(perChange)).containsExactly(sequenceNumber(0));
            assertThat(failures(batch)).containsExactly(sequenceNumber(0));
            assertThat(calls).isEmpty();
        }

        DynamodbEvent withNullRecord = event();
        withNullRecord.getRecords().set(2, null);
        assertThat(failures(new CdcLambdaHandler((CdcChange c) -> {}).handleRequest(withNullRecord, null)))
                .containsExactly(sequenceNumber(0));
    }

    @Test
    void aMalformedFirstRecordWithoutSequenceNumberFailsTheInvocation() {
        DynamodbEvent event = event();
        event.getRecords().get(0).setDynamodb(null);
        List<Object> calls = new ArrayList<>();

        assertThatThrownBy(() -> new CdcLambdaHandler((CdcChange c) -> calls.add(c)).handleRequest(event, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record 0 of " + RECORDS + " is malformed")
                .hasMessageContaining("no sequence number");
        assertThat(calls).isEmpty();
    }

    @Test
    void anInterruptedHandlerIsReportedAsAFailureAndKeepsTheInterruptFlag() {
        CdcHandler interrupted = change -> {
            throw new InterruptedException("shutting down");
        };
        try {
            StreamsEventResponse response = new CdcLambdaHandler(interrupted).handleRequest(event(), null);

            assertThat(failures(response)).containsExactly(sequenceNumber(0));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void constructorsRejectANullHandlerNamingTheArgument() {
        assertThatThrownBy(() -> new CdcLambdaHandler((CdcHandler) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("handler");
        assertThatThrownBy(() -> new CdcLambdaHandler((CdcBatchHandler) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchHandler");
    }

    /** A user's function class, as the Lambda runtime sees it: public, with a public no-arg constructor. */
    public static class OrderChanges extends CdcLambdaHandler {
        static final List<CdcChange> HANDLED = new CopyOnWriteArrayList<>();

        public OrderChanges() {
            super((CdcChange change) -> HANDLED.add(change));
        }
    }

    @Test
    void aSubclassWithANoArgConstructorRunsAsTheLambdaEntryPoint() throws Exception {
        OrderChanges.HANDLED.clear();
        @SuppressWarnings("unchecked")
        var function = (com.amazonaws.services.lambda.runtime.RequestHandler<DynamodbEvent, StreamsEventResponse>)
                Class.forName(OrderChanges.class.getName()).getConstructor().newInstance();

        StreamsEventResponse response = function.handleRequest(event(), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(OrderChanges.HANDLED)
                .hasSize(RECORDS)
                .isEqualTo(CdcChanges.fromRecords(streamArn, streamRecords, null));
    }
}
