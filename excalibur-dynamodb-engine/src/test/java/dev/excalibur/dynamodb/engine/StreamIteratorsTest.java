package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertError;
import static dev.excalibur.dynamodb.engine.EngineFixture.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * GetShardIterator and GetRecords (M11, R14): the four iterator types, validation, expiry after 15 minutes of engine
 * time, empty pages on an open shard, the end of a closed shard, Limit and the 1 MB page, and the API over HTTP.
 */
class StreamIteratorsTest {

    @RegisterExtension
    final StreamFixture fixture = new StreamFixture();

    private String arn;
    private String shard;

    private void streamWithThreeRecords() {
        arn = fixture.table("events", StreamViewType.KEYS_ONLY);
        shard = fixture.shards(arn).get(0).shardId();
        List.of("a", "b", "c").forEach(k -> fixture.put("events", "pk", k));
    }

    private static List<String> keys(GetRecordsResponse page) {
        return page.records().stream()
                .map(r -> r.dynamodb().keys().get("pk").s())
                .toList();
    }

    private List<Record> all() {
        return fixture.read(arn, shard);
    }

    @Test
    void theFourIteratorTypesStartWhereTheyShould() {
        streamWithThreeRecords();
        String second = all().get(1).dynamodb().sequenceNumber();
        assertThat(keys(fixture.records(fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON))))
                .containsExactly("a", "b", "c");
        assertThat(keys(fixture.records(fixture.iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, second))))
                .containsExactly("b", "c");
        assertThat(keys(fixture.records(fixture.iterator(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second))))
                .containsExactly("c");
        String latest = fixture.iterator(arn, shard, ShardIteratorType.LATEST);
        fixture.put("events", "pk", "d");
        assertThat(keys(fixture.records(latest))).containsExactly("d");
    }

    @Test
    void anOpenShardAnswersEmptyPagesWithANextIterator() {
        streamWithThreeRecords();
        GetRecordsResponse empty = fixture.records(fixture.iterator(arn, shard, ShardIteratorType.LATEST));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.nextShardIterator()).isNotNull();
        GetRecordsResponse again = fixture.records(empty.nextShardIterator());
        assertThat(again.records()).isEmpty();
        assertThat(again.nextShardIterator()).isNotNull();
        fixture.put("events", "pk", "e");
        assertThat(keys(fixture.records(again.nextShardIterator()))).containsExactly("e");
    }

    @Test
    void aClosedShardReadToItsEndHasNoNextIterator() {
        streamWithThreeRecords();
        String iterator = fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON);
        String latest = fixture.iterator(arn, shard, ShardIteratorType.LATEST);
        fixture.engine.rolloverShards();

        GetRecordsResponse page =
                fixture.streams.getRecords(b -> b.shardIterator(iterator).limit(2));
        assertThat(keys(page)).containsExactly("a", "b");
        assertThat(page.nextShardIterator()).as("one record left").isNotNull();
        GetRecordsResponse last = fixture.records(page.nextShardIterator());
        assertThat(keys(last)).containsExactly("c");
        assertThat(last.nextShardIterator()).as("the end of a closed shard").isNull();
        GetRecordsResponse atEnd = fixture.records(latest);
        assertThat(atEnd.records()).isEmpty();
        assertThat(atEnd.nextShardIterator()).isNull();
    }

    @Test
    void limitCapsAPageAndPagesFollowOneAnother() {
        arn = fixture.table("many", StreamViewType.KEYS_ONLY);
        shard = fixture.shards(arn).get(0).shardId();
        IntStream.range(0, 1205).forEach(i -> fixture.put("many", "pk", "k" + i));
        List<Integer> sizes = new ArrayList<>();
        String iterator = fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON);
        GetRecordsResponse page = fixture.records(iterator);
        sizes.add(page.records().size());
        page = fixture.streams.getRecords(b ->
                b.shardIterator(fixture.records(iterator).nextShardIterator()).limit(200));
        sizes.add(page.records().size());
        page = fixture.records(page.nextShardIterator());
        sizes.add(page.records().size());
        assertThat(sizes).containsExactly(1000, 200, 5);
        assertValidation(
                () -> fixture.streams.getRecords(b -> b.shardIterator(iterator).limit(1001)),
                "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000");
    }

    @Test
    void aPageHoldsAtMostOneMegabyteOfRecords() {
        arn = fixture.table("large", StreamViewType.NEW_IMAGE);
        shard = fixture.shards(arn).get(0).shardId();
        String payload = "x".repeat(200_000);
        IntStream.range(0, 12).forEach(i -> fixture.put("large", "pk", "k" + i, "data", payload));
        GetRecordsResponse page = fixture.records(fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON));
        assertThat(page.records()).hasSize(5);
        assertThat(page.records().stream()
                        .mapToLong(r -> r.dynamodb().sizeBytes())
                        .sum())
                .isLessThanOrEqualTo(1024 * 1024);
        assertThat(fixture.read(arn, shard)).hasSize(12);
    }

    @Test
    void anIteratorExpiresFifteenMinutesAfterItWasIssued() {
        streamWithThreeRecords();
        String iterator = fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON);
        fixture.engine.advance(Duration.ofMinutes(15));
        GetRecordsResponse page = fixture.records(iterator);
        assertThat(keys(page)).as("at exactly 15 minutes").containsExactly("a", "b", "c");
        fixture.engine.advance(Duration.ofMinutes(15));
        assertThat(fixture.records(page.nextShardIterator()).records())
                .as("the next iterator is a fresh one")
                .isEmpty();
        assertError(
                () -> fixture.records(iterator),
                ExpiredIteratorException.class,
                "ExpiredIteratorException",
                "The provided iterator exceeds the maximum age allowed.");
    }

    @Test
    void badRequestsAreRefusedWithTheServicesErrors() {
        streamWithThreeRecords();
        String sequence = all().get(0).dynamodb().sequenceNumber();
        DynamoDbStreamsClient streams = fixture.streams;
        assertValidation(
                () -> streams.getShardIterator(b -> b.streamArn(arn)
                        .shardId(shard)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)
                        .sequenceNumber(sequence)),
                "SequenceNumber should not be passed for this iterator type");
        assertValidation(
                () -> streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)),
                "SequenceNumber must be provided for this iterator type");
        assertValidation(
                () -> fixture.iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, "99999999999999999999999"),
                "Invalid SequenceNumber for the shard");
        assertValidation(
                () -> fixture.iterator(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, "not-a-number-at-all-here"),
                "Invalid SequenceNumber for the shard");
        assertValidation(
                () -> streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType("SOMEWHERE")),
                "1 validation error detected: Value 'SOMEWHERE' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]");
        assertValidation(
                () -> fixture.iterator(arn, "shardId-1", ShardIteratorType.LATEST),
                "1 validation error detected: Value 'shardId-1' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 28");
        assertValidation(() -> fixture.records("bm90IGFuIGl0ZXJhdG9y"), "Invalid ShardIterator");
        assertValidation(
                () -> fixture.describe("arn:aws:dynamodb:eu-west-1:111122223333:table/events"), "Invalid StreamArn");
        String unknown = arn.replace("events", "others");
        assertError(
                () -> fixture.describe(unknown),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Stream: " + unknown + " not found");
        assertError(
                () -> fixture.iterator(arn, "shardId-00000001796558400123-00000000", ShardIteratorType.LATEST),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Shard does not exist");
    }

    @Test
    void theAsyncStreamsClientReadsTheSameStream() {
        streamWithThreeRecords();
        String iterator = fixture.engine
                .streamsAsyncClient()
                .getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .join()
                .shardIterator();
        assertThat(keys(fixture.engine
                        .streamsAsyncClient()
                        .getRecords(b -> b.shardIterator(iterator))
                        .join()))
                .containsExactly("a", "b", "c");
    }

    @Test
    void theServerServesTheStreamsApiOverHttp() {
        streamWithThreeRecords();
        try (DynamoDbEngineServer server =
                DynamoDbEngineServer.create(fixture.engine, 0).start()) {
            DynamoDbStreamsClient http = server.streamsClient();
            assertThat(http.listStreams().streams())
                    .extracting(s -> s.streamArn())
                    .containsExactly(arn);
            String iterator = http.getShardIterator(
                            b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            GetRecordsResponse page = http.getRecords(b -> b.shardIterator(iterator));
            assertThat(page.records()).isEqualTo(fixture.records(iterator).records());
            assertError(
                    () -> http.getRecords(b -> b.shardIterator("bm90IGFuIGl0ZXJhdG9y")),
                    software.amazon.awssdk.services.dynamodb.model.DynamoDbException.class,
                    "ValidationException",
                    "Invalid ShardIterator");
        }
    }
}
