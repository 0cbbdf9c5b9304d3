package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertError;
import static dev.excalibur.dynamodb.engine.EngineFixture.assertValidation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Streams and shards (M11, M12, R14): identifiers, DescribeStream and ListStreams fields and paging, lineage on
 * rollover and split, several open shards placed by partition key, CHILD_SHARDS, sequence order across lineage,
 * streams turned off and on, and a deleted table's stream.
 */
class StreamShardsTest {

    @RegisterExtension
    final StreamFixture fixture = new StreamFixture();

    @Test
    void aNewStreamHasRealIdentifiersAndOneOpenShard() {
        String arn = fixture.table("orders", StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(arn)
                .isEqualTo("arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2026-12-06T12:00:00.123");

        StreamDescription stream = fixture.describe(arn);
        assertThat(stream.streamArn()).isEqualTo(arn);
        assertThat(stream.streamLabel()).isEqualTo("2026-12-06T12:00:00.123");
        assertThat(stream.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(stream.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(stream.creationRequestDateTime()).isEqualTo(StreamFixture.START);
        assertThat(stream.tableName()).isEqualTo("orders");
        assertThat(stream.keySchema())
                .containsExactly(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build());
        assertThat(stream.lastEvaluatedShardId()).isNull();
        assertThat(stream.shards()).singleElement().satisfies(shard -> {
            assertThat(shard.shardId()).matches("shardId-00000001796558400123-[0-9a-f]{8}");
            assertThat(shard.parentShardId()).isNull();
            assertThat(shard.sequenceNumberRange().startingSequenceNumber()).matches("[0-9]{21,40}");
            assertThat(shard.sequenceNumberRange().endingSequenceNumber())
                    .as("open")
                    .isNull();
        });
    }

    @Test
    void aRolloverClosesEachShardAndContinuesInAChildNamingIt() {
        String arn = fixture.table("roll", StreamViewType.KEYS_ONLY);
        fixture.put("roll", "pk", "a");
        fixture.put("roll", "pk", "b");
        fixture.engine.advance(Duration.ofSeconds(5));
        fixture.engine.rolloverShards();
        fixture.put("roll", "pk", "c");

        List<Shard> shards = fixture.shards(arn);
        assertThat(shards).hasSize(2);
        Shard parent = shards.get(0);
        Shard child = shards.get(1);
        assertThat(child.parentShardId()).isEqualTo(parent.shardId());
        assertThat(child.shardId()).startsWith("shardId-00000001796558405123-");
        List<Record> parentRecords = fixture.read(arn, parent.shardId());
        List<Record> childRecords = fixture.read(arn, child.shardId());
        assertThat(parentRecords)
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("a", "b");
        assertThat(childRecords)
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("c");
        assertThat(parent.sequenceNumberRange().endingSequenceNumber())
                .isEqualTo(parentRecords.get(1).dynamodb().sequenceNumber());
        assertThat(child.sequenceNumberRange().endingSequenceNumber()).isNull();
        assertThat(new BigInteger(child.sequenceNumberRange().startingSequenceNumber()))
                .isGreaterThan(new BigInteger(parent.sequenceNumberRange().endingSequenceNumber()));
        assertThat(new BigInteger(parent.sequenceNumberRange().startingSequenceNumber()))
                .isLessThan(new BigInteger(parentRecords.get(0).dynamodb().sequenceNumber()));
    }

    @Test
    void aTableRolloverLeavesOtherStreamsAlone() {
        String rolled = fixture.table("rolled", StreamViewType.KEYS_ONLY);
        String kept = fixture.table("kept", StreamViewType.KEYS_ONLY);
        fixture.engine.rolloverShards("rolled");
        assertThat(fixture.shards(rolled)).hasSize(2);
        assertThat(fixture.shards(kept)).hasSize(1);
        assertThatThrownBy(() -> fixture.engine.rolloverShards("nothing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSplitGivesEachChildThePartOfThePartitionKeysItTakes() {
        String arn = fixture.table("split", StreamViewType.KEYS_ONLY);
        String parent = fixture.shards(arn).get(0).shardId();
        List<String> children = fixture.engine.splitShard("split", parent, 3);
        IntStream.range(0, 60).forEach(i -> fixture.put("split", "pk", "k" + (i % 30), "v", i));

        List<Shard> shards = fixture.shards(arn);
        assertThat(shards)
                .extracting(Shard::shardId)
                .containsExactly(parent, children.get(0), children.get(1), children.get(2));
        assertThat(shards.subList(1, 4)).allSatisfy(child -> {
            assertThat(child.parentShardId()).isEqualTo(parent);
            assertThat(child.sequenceNumberRange().endingSequenceNumber()).isNull();
        });
        assertThat(shards.get(0).sequenceNumberRange().endingSequenceNumber()).isNotNull();
        Map<String, Set<String>> shardsOfKey = new HashMap<>();
        int used = 0;
        for (String child : children) {
            List<Record> records = fixture.read(arn, child);
            used += records.isEmpty() ? 0 : 1;
            records.forEach(r -> shardsOfKey
                    .computeIfAbsent(r.dynamodb().keys().get("pk").s(), k -> new HashSet<>())
                    .add(child));
        }
        assertThat(used).as("30 partition keys spread over the children").isGreaterThan(1);
        assertThat(shardsOfKey)
                .hasSize(30)
                .allSatisfy((key, in) -> assertThat(in).as(key).hasSize(1));
        assertThatThrownBy(() -> fixture.engine.splitShard("split", parent, 2))
                .as("closed")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fixture.engine.splitShard("split", children.get(0), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamCanStartWithSeveralShardsTakingRecordsByPartitionKey() {
        try (StreamFixture four = new StreamFixture(b -> b.shardsPerStream(4))) {
            String arn = four.table("wide", StreamViewType.KEYS_ONLY);
            IntStream.range(0, 80).forEach(i -> four.put("wide", "pk", "k" + (i % 40), "v", i));
            List<Shard> shards = four.shards(arn);
            assertThat(shards).hasSize(4).allSatisfy(shard -> {
                assertThat(shard.parentShardId()).isNull();
                assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
            });
            Map<String, Set<String>> shardsOfKey = new HashMap<>();
            int total = 0;
            for (Shard shard : shards) {
                List<Record> records = four.read(arn, shard.shardId());
                assertThat(records).as("40 keys reach every one of 4 shards").isNotEmpty();
                total += records.size();
                records.forEach(r -> shardsOfKey
                        .computeIfAbsent(r.dynamodb().keys().get("pk").s(), k -> new HashSet<>())
                        .add(shard.shardId()));
            }
            assertThat(total).isEqualTo(80);
            assertThat(shardsOfKey)
                    .hasSize(40)
                    .allSatisfy((key, in) -> assertThat(in).hasSize(1));

            four.engine.rolloverShards();
            assertThat(four.shards(arn)).hasSize(8);
        }
    }

    @Test
    void anAutomaticRolloverClosesShardsOnceTheyReachTheirAge() {
        try (StreamFixture aging = new StreamFixture(b -> b.shardRolloverInterval(Duration.ofHours(4)))) {
            String arn = aging.table("aging", StreamViewType.KEYS_ONLY);
            aging.put("aging", "pk", "young");
            aging.engine.advance(Duration.ofHours(4).minusMillis(1));
            assertThat(aging.shards(arn)).hasSize(1);
            aging.engine.advance(Duration.ofMillis(1));
            aging.put("aging", "pk", "old");
            List<Shard> shards = aging.shards(arn);
            assertThat(shards).hasSize(2);
            assertThat(aging.read(arn, shards.get(0).shardId()))
                    .extracting(r -> r.dynamodb().keys().get("pk").s())
                    .containsExactly("young");
            assertThat(aging.read(arn, shards.get(1).shardId()))
                    .extracting(r -> r.dynamodb().keys().get("pk").s())
                    .containsExactly("old");

            aging.engine.dilateEventTimes(Duration.ofHours(5));
            assertThat(aging.shards(arn))
                    .as("dilation ages shards as DynamoDB Local's rollover job saw them")
                    .hasSize(3);
        }
        String manual = fixture.table("manual", StreamViewType.KEYS_ONLY);
        fixture.engine.advance(Duration.ofDays(1));
        assertThat(fixture.shards(manual)).as("off by default").hasSize(1);
    }

    @Test
    void sequenceNumbersIncreaseAlongTheLineage() {
        String arn = fixture.table("lineage", StreamViewType.KEYS_ONLY);
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 5; i++) {
                fixture.put("lineage", "pk", "k" + i, "round", round);
            }
            fixture.engine.rolloverShards();
        }
        List<Record> records = fixture.readAll(arn);
        assertThat(records).hasSize(20);
        assertThat(records)
                .extracting(r -> new BigInteger(r.dynamodb().sequenceNumber()))
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void describeStreamPagesAtAHundredShards() {
        String arn = fixture.table("paged", StreamViewType.KEYS_ONLY);
        IntStream.range(0, 110).forEach(i -> fixture.engine.rolloverShards());

        StreamDescription first = fixture.describe(arn);
        assertThat(first.shards()).hasSize(100);
        assertThat(first.lastEvaluatedShardId())
                .isEqualTo(first.shards().get(99).shardId());
        StreamDescription second = fixture.streams
                .describeStream(b -> b.streamArn(arn).exclusiveStartShardId(first.lastEvaluatedShardId()))
                .streamDescription();
        assertThat(second.shards()).hasSize(11);
        assertThat(second.lastEvaluatedShardId()).isNull();
        assertThat(second.shards().get(0).parentShardId())
                .isEqualTo(first.shards().get(99).shardId());
        assertThat(second.shards().get(10).sequenceNumberRange().endingSequenceNumber())
                .isNull();

        StreamDescription ten =
                fixture.streams.describeStream(b -> b.streamArn(arn).limit(10)).streamDescription();
        assertThat(ten.shards())
                .extracting(Shard::shardId)
                .containsExactlyElementsOf(first.shards().subList(0, 10).stream()
                        .map(Shard::shardId)
                        .toList());
        assertThat(ten.lastEvaluatedShardId()).isEqualTo(ten.shards().get(9).shardId());
        assertError(
                () -> fixture.streams.describeStream(
                        b -> b.streamArn(arn).exclusiveStartShardId("shardId-00000001796558400123-00000000")),
                software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Shard does not exist");
        assertValidation(
                () -> fixture.streams.describeStream(b -> b.streamArn(arn).limit(101)),
                "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
    }

    @Test
    void theChildShardsFilterListsTheChildrenOfAShard() {
        String arn = fixture.table("family", StreamViewType.KEYS_ONLY);
        String root = fixture.shards(arn).get(0).shardId();
        List<String> children = fixture.engine.splitShard("family", root, 2);
        fixture.engine.rolloverShards();

        DescribeStreamResponse ofRoot = fixture.streams.describeStream(b -> b.streamArn(arn)
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(root)));
        assertThat(ofRoot.streamDescription().shards())
                .extracting(Shard::shardId)
                .containsExactlyElementsOf(children);
        assertThat(ofRoot.streamDescription().streamStatus()).isEqualTo(StreamStatus.ENABLED);
        DescribeStreamResponse ofChild = fixture.streams.describeStream(b -> b.streamArn(arn)
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(children.get(0))));
        assertThat(ofChild.streamDescription().shards())
                .singleElement()
                .satisfies(s -> assertThat(s.parentShardId()).isEqualTo(children.get(0)));
        DescribeStreamResponse ofLeaf = fixture.streams.describeStream(b -> b.streamArn(arn)
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS)
                        .shardId(ofChild.streamDescription().shards().get(0).shardId())));
        assertThat(ofLeaf.streamDescription().shards()).isEmpty();
        assertValidation(
                () -> fixture.streams.describeStream(b -> b.streamArn(arn)
                        .exclusiveStartShardId(root)
                        .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(root))),
                "ShardFilter and ExclusiveStartShardId both should not be specified in the request.");
    }

    @Test
    void turningTheStreamOffAndOnMakesANewStreamAndDisablesTheOld() {
        String first = fixture.table("toggled", StreamViewType.KEYS_ONLY);
        fixture.put("toggled", "pk", "before");
        fixture.client.updateTable(b -> b.tableName("toggled").streamSpecification(s -> s.streamEnabled(false)));
        fixture.put("toggled", "pk", "unrecorded");
        String second = fixture.client
                .updateTable(b -> b.tableName("toggled")
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription()
                .latestStreamArn();
        fixture.put("toggled", "pk", "after");

        assertThat(second)
                .as("a new label though the clock stands still")
                .isEqualTo("arn:aws:dynamodb:eu-west-1:111122223333:table/toggled/stream/2026-12-06T12:00:00.124");
        StreamDescription old = fixture.describe(first);
        assertThat(old.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(old.shards())
                .singleElement()
                .satisfies(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber())
                        .isNotNull());
        assertThat(fixture.readAll(first))
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("before");
        assertThat(fixture.readAll(second))
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("after");
        assertThat(fixture.describe(second).streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);

        ListStreamsResponse listed = fixture.streams.listStreams(b -> b.tableName("toggled"));
        assertThat(listed.streams()).extracting(s -> s.streamArn()).containsExactly(first, second);
        assertThat(listed.streams().get(0).streamLabel()).isEqualTo("2026-12-06T12:00:00.123");
        assertThat(listed.streams().get(0).tableName()).isEqualTo("toggled");

        fixture.engine.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(fixture.streams.listStreams(b -> b.tableName("toggled")).streams())
                .extracting(s -> s.streamArn())
                .containsExactly(second);
        assertError(
                () -> fixture.describe(first),
                software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Stream: " + first + " not found");
    }

    @Test
    void listStreamsFiltersByTableAndPages() {
        String a = fixture.table("alpha", StreamViewType.KEYS_ONLY);
        String b = fixture.table("beta", StreamViewType.KEYS_ONLY);
        String c = fixture.table("gamma", StreamViewType.KEYS_ONLY);

        assertThat(fixture.streams.listStreams(r -> r.tableName("beta")).streams())
                .extracting(s -> s.streamArn())
                .containsExactly(b);
        ListStreamsResponse page1 = fixture.streams.listStreams(r -> r.limit(2));
        assertThat(page1.streams()).extracting(s -> s.streamArn()).containsExactly(a, b);
        assertThat(page1.lastEvaluatedStreamArn()).isEqualTo(b);
        ListStreamsResponse page2 =
                fixture.streams.listStreams(r -> r.limit(2).exclusiveStartStreamArn(page1.lastEvaluatedStreamArn()));
        assertThat(page2.streams()).extracting(s -> s.streamArn()).containsExactly(c);
        assertThat(page2.lastEvaluatedStreamArn()).isNull();
        String unknown = c.replace("gamma", "delta");
        assertError(
                () -> fixture.streams.listStreams(r -> r.exclusiveStartStreamArn(unknown)),
                software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Stream: " + unknown + " not found");
    }

    @Test
    void aDeletedTablesStreamIsDisabledAndReadableFor24Hours() {
        String arn = fixture.table("deleted", StreamViewType.NEW_AND_OLD_IMAGES);
        fixture.put("deleted", "pk", "a");
        fixture.client.deleteTable(b -> b.tableName("deleted"));

        StreamDescription stream = fixture.describe(arn);
        assertThat(stream.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(stream.shards())
                .singleElement()
                .satisfies(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber())
                        .isNotNull());
        assertThat(fixture.readAll(arn))
                .singleElement()
                .satisfies(r -> assertThat(r.dynamodb().keys().get("pk").s()).isEqualTo("a"));
        assertThat(fixture.streams.listStreams().streams())
                .extracting(s -> s.streamArn())
                .containsExactly(arn);

        String recreated = fixture.table("deleted", StreamViewType.KEYS_ONLY);
        assertThat(recreated).isNotEqualTo(arn);
        fixture.engine.advance(Duration.ofHours(24));
        assertThat(fixture.describe(arn).streamStatus()).as("exactly 24 h").isEqualTo(StreamStatus.DISABLED);
        fixture.engine.advance(Duration.ofMillis(1));
        assertThat(fixture.streams.listStreams().streams())
                .extracting(s -> s.streamArn())
                .containsExactly(recreated);
        assertError(
                () -> fixture.describe(arn),
                software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Stream: " + arn + " not found");
    }
}
