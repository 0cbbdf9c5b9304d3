package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Retention (R14) and the time controls (R15): records older than 24 h of engine time are trimmed; TRIM_HORIZON
 * starts at the oldest untrimmed record and never meets trimmed data; positions before the trim horizon are
 * {@code TrimmedDataAccessException}; closed shards past retention leave the stream; {@code dilateEventTimes} ages
 * stored timestamps and expires iterators without moving the clock, {@code advance} moves the clock.
 */
class StreamRetentionTest {

    private static final String TRIMMED = "The data you are trying to access has been trimmed.";

    @RegisterExtension
    final StreamFixture fixture = new StreamFixture();

    private String arn;
    private String shard;

    private List<Record> oldAndNew() {
        streamOf("kept", "old-1");
        fixture.put("kept", "pk", "old-2");
        List<Record> old = fixture.read(arn, shard);
        fixture.engine.advance(Duration.ofHours(23));
        fixture.put("kept", "pk", "new-1");
        fixture.engine.advance(Duration.ofHours(1).plusMillis(1));
        return old;
    }

    /** Creates a table with a keys-only stream, keeps its stream and first shard in {@code arn} and {@code shard}, writes {@code pk = key}. */
    private void streamOf(String table, String key) {
        arn = fixture.table(table, StreamViewType.KEYS_ONLY);
        shard = fixture.shards(arn).get(0).shardId();
        fixture.put(table, "pk", key);
    }

    /** Writes "before" to a new table, applies the time control, writes "after"; returns the two records. */
    private List<Record> writesAround(String table, Runnable timeControl) {
        streamOf(table, "before");
        timeControl.run();
        fixture.put(table, "pk", "after");
        return fixture.read(arn, shard);
    }

    private static List<String> keys(List<Record> records) {
        return records.stream().map(r -> r.dynamodb().keys().get("pk").s()).toList();
    }

    @Test
    void trimHorizonStartsAtTheOldestUntrimmedRecord() {
        oldAndNew();
        assertThat(keys(fixture.read(arn, shard))).containsExactly("new-1");
    }

    @Test
    void aRecordExactly24HoursOldIsStillThere() {
        streamOf("edge", "a");
        fixture.engine.advance(Duration.ofHours(24));
        assertThat(keys(fixture.read(arn, shard))).containsExactly("a");
        fixture.engine.advance(Duration.ofMillis(1));
        assertThat(fixture.read(arn, shard)).isEmpty();
    }

    @Test
    void aPositionBeforeTheTrimHorizonIsTrimmedData() {
        List<Record> old = oldAndNew();
        String first = old.get(0).dynamodb().sequenceNumber();
        String last = old.get(1).dynamodb().sequenceNumber();
        assertError(
                () -> fixture.iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, last),
                TrimmedDataAccessException.class,
                "TrimmedDataAccessException",
                TRIMMED);
        assertError(
                () -> fixture.iterator(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, first),
                TrimmedDataAccessException.class,
                "TrimmedDataAccessException",
                TRIMMED);
        // AWS: "a sequence number older than the trim point" is trimmed data, even right after the last trimmed record
        assertError(
                () -> fixture.iterator(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, last),
                TrimmedDataAccessException.class,
                "TrimmedDataAccessException",
                TRIMMED);
        String horizon = fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON);
        assertThat(keys(fixture.records(horizon).records())).containsExactly("new-1");
    }

    @Test
    void anIteratorWhoseRecordIsTrimmedBeforeUseMeetsTrimmedData() {
        streamOf("late", "a");
        String sequence = fixture.read(arn, shard).get(0).dynamodb().sequenceNumber();
        fixture.engine.advance(Duration.ofHours(24).minusMinutes(1));
        String at = fixture.iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, sequence);
        String horizon = fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON);
        fixture.engine.advance(Duration.ofMinutes(2));
        assertError(() -> fixture.records(at), TrimmedDataAccessException.class, "TrimmedDataAccessException", TRIMMED);
        GetRecordsResponse fromHorizon = fixture.records(horizon);
        assertThat(fromHorizon.records())
                .as("TRIM_HORIZON never meets trimmed data")
                .isEmpty();
        assertThat(fromHorizon.nextShardIterator()).isNotNull();
    }

    @Test
    void aClosedShardPastRetentionLeavesTheStream() {
        streamOf("rolled", "a");
        fixture.engine.rolloverShards();
        String child = fixture.shards(arn).get(1).shardId();
        String caughtUp = fixture.iterator(arn, shard, ShardIteratorType.LATEST);
        fixture.engine.advance(Duration.ofHours(24).plusMillis(1));

        assertThat(fixture.shards(arn)).extracting(Shard::shardId).containsExactly(child);
        assertThat(fixture.shards(arn).get(0).parentShardId()).isEqualTo(shard);
        assertError(
                () -> fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Shard does not exist");
        assertError(
                () -> fixture.records(caughtUp),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Shard does not exist");
    }

    @Test
    void trimNowAppliesRetentionToEveryStream() {
        arn = fixture.table("swept", StreamViewType.KEYS_ONLY);
        fixture.put("swept", "pk", "a");
        fixture.client.deleteTable(b -> b.tableName("swept"));
        fixture.engine.advance(Duration.ofHours(25));
        fixture.engine.trimNow();
        assertThat(fixture.streams.listStreams().streams()).isEmpty();
    }

    @Test
    void dilatingEventTimesAgesStoredTimestampsButNotNewWrites() {
        List<Record> records = writesAround("dilated", () -> fixture.engine.dilateEventTimes(Duration.ofMinutes(3)));
        assertThat(records.get(0).dynamodb().approximateCreationDateTime())
                .isEqualTo(Instant.parse("2026-12-06T11:57:00Z"));
        assertThat(records.get(1).dynamodb().approximateCreationDateTime())
                .isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
        assertThat(fixture.engine.clock().instant())
                .as("the clock did not move")
                .isEqualTo(StreamFixture.START);
        assertThat(fixture.describe(arn).creationRequestDateTime())
                .isEqualTo(Instant.parse("2026-12-06T11:57:00.123Z"));
        assertThatThrownBy(() -> fixture.engine.dilateEventTimes(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void advancingTheClockStampsLaterWritesLaterAndLeavesOlderRecordsAsTheyWere() {
        List<Record> records = writesAround("advanced", () -> fixture.engine.advance(Duration.ofMinutes(3)));
        assertThat(records.get(0).dynamodb().approximateCreationDateTime())
                .isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
        assertThat(records.get(1).dynamodb().approximateCreationDateTime())
                .isEqualTo(Instant.parse("2026-12-06T12:03:00Z"));
        assertThat(fixture.engine.clock().instant()).isEqualTo(StreamFixture.START.plus(Duration.ofMinutes(3)));
        assertThatThrownBy(() -> fixture.engine.advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dilationExpiresTheIteratorsIssuedBeforeItAndAdvanceDoesNotBeforeFifteenMinutes() {
        streamOf("expiring", "a");
        String beforeAdvance = fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON);
        fixture.engine.advance(Duration.ofMinutes(14));
        assertThat(fixture.records(beforeAdvance).records()).hasSize(1);

        String beforeDilation = fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON);
        fixture.engine.dilateEventTimes(Duration.ofSeconds(1));
        assertError(
                () -> fixture.records(beforeDilation),
                ExpiredIteratorException.class,
                "ExpiredIteratorException",
                "The provided iterator exceeds the maximum age allowed.");
        assertThat(fixture.records(fixture.iterator(arn, shard, ShardIteratorType.TRIM_HORIZON))
                        .records())
                .hasSize(1);
    }

    @Test
    void dilationAgesTheIdempotencyTokensOfTransactions() {
        arn = fixture.table("tokens", StreamViewType.KEYS_ONLY);
        Runnable increment = () -> fixture.client.transactWriteItems(b -> b.clientRequestToken("token-1")
                .transactItems(TransactWriteItem.builder()
                        .update(u -> u.tableName("tokens")
                                .key(EngineFixture.item("pk", "a"))
                                .updateExpression("ADD v :one")
                                .expressionAttributeValues(Map.of(":one", EngineFixture.n("1"))))
                        .build()));
        increment.run();
        increment.run();
        fixture.engine.dilateEventTimes(Duration.ofMinutes(10).plusSeconds(1));
        increment.run();
        assertThat(fixture.client
                        .getItem(b -> b.tableName("tokens").key(EngineFixture.item("pk", "a")))
                        .item()
                        .get("v")
                        .n())
                .isEqualTo("2");
        assertThat(fixture.readAll(arn)).hasSize(2);
    }

    @Test
    void dilatingPastRetentionTrimsTheRecordsLikeDynamoDbLocalsControlDid() {
        streamOf("aged", "old");
        String sequence = fixture.read(arn, shard).get(0).dynamodb().sequenceNumber();
        fixture.engine.dilateEventTimes(Duration.ofHours(25));
        fixture.put("aged", "pk", "new");

        assertThat(keys(fixture.read(arn, shard))).containsExactly("new");
        assertError(
                () -> fixture.iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, sequence),
                TrimmedDataAccessException.class,
                "TrimmedDataAccessException",
                TRIMMED);
    }
}
