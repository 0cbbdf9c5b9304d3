package dev.excalibur.data.dynamodb.snapshots;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.data.dynamodb.TestProviders;
import dev.excalibur.data.snapshots.Snapshot;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.FaultInjector;
import dev.excalibur.dynamodb.test.ManualClock;
import dev.excalibur.dynamodb.test.TestTableName;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(EmbeddedDynamoDbExtension.class)
class SnapshotStoreTest {

    private static Snapshot snapshot(String id, String type, long version, byte... data) {
        return Snapshot.of(id, type, version, data);
    }

    private static DynamoDbSnapshotStore store(
            TestProviders.TestProvider fixture, Consumer<DynamoDbSnapshotStore.Options> options) {
        return fixture.provider().snapshotStore(options);
    }

    @Test
    void everyFieldRoundTripsWithTypedMetadataAndTheTenant(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbSnapshotStore store = store(fixture, o -> o.tableName(table + "_snapshots"));
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("SnapshotSchemaVersion", 3);
            metadata.put("events", 12_345_678_901L);
            metadata.put("ratio", new BigDecimal("0.125"));
            metadata.put("source", "orders-service");
            metadata.put("compacted", true);
            metadata.put("tags", List.of("a", "b"));
            metadata.put("origin", Map.of("region", "eu-west-1", "shard", 7));
            Snapshot saved = new Snapshot(
                    "snap-1",
                    "order-1",
                    "Order",
                    42,
                    Instant.parse("2026-11-25T10:15:30.123456789Z"),
                    new byte[] {0, 1, 2, (byte) 0xff},
                    metadata,
                    "tenant-a");

            assertThat(await(store.saveSnapshot(saved))).isTrue();
            Snapshot read = await(store.getLatestSnapshot("order-1", "Order", "tenant-a"))
                    .orElseThrow();

            assertThat(read).isEqualTo(saved);
            assertThat(read.metadata().get("SnapshotSchemaVersion"))
                    .isInstanceOf(Integer.class)
                    .isEqualTo(3);
            assertThat(read.metadata().get("events")).isInstanceOf(Long.class);
            assertThat(read.createdAt()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123456789Z"));
            assertThat(await(store.getLatestSnapshot("order-1", "Order")))
                    .as("no tenant is another tenant")
                    .isEmpty();
            assertThat(store.tableName()).isEqualTo(table + "_snapshots");
        }
    }

    @Test
    void theHighestVersionWinsWhateverTheOrderOfSaves(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbSnapshotStore store = store(fixture, o -> o.tableName(table + "_snapshots"));

            assertThat(await(store.saveSnapshot(snapshot("o", "Order", 100, (byte) 3))))
                    .isTrue();
            assertThat(await(store.saveSnapshot(snapshot("o", "Order", 10, (byte) 1))))
                    .isFalse();
            assertThat(await(store.saveSnapshot(snapshot("o", "Order", 50, (byte) 2))))
                    .isFalse();
            assertThat(await(store.saveSnapshot(snapshot("o", "Order", 100, (byte) 9))))
                    .as("an equal version is kept")
                    .isFalse();

            Snapshot latest = await(store.getLatestSnapshot("o", "Order")).orElseThrow();
            assertThat(latest.version()).isEqualTo(100);
            assertThat(latest.data()).containsExactly(3);
            assertThat(await(store.getLatestSnapshot("unknown", "Order"))).isEmpty();
        }
    }

    @Test
    void concurrentSaversOfVersions10To100EndWith100AndConcurrentReadsAgree(
            EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbSnapshotStore store = store(fixture, o -> o.tableName(table + "_snapshots"));
            List<Integer> versions = new ArrayList<>(
                    IntStream.rangeClosed(1, 10).map(v -> v * 10).boxed().toList());
            Collections.shuffle(versions, new Random(7));

            List<CompletableFuture<Boolean>> saves = versions.stream()
                    .map(v -> store.saveSnapshot(snapshot("c", "Order", v, v.byteValue())))
                    .toList();
            saves.forEach(TestProviders::await);
            List<CompletableFuture<Optional<Snapshot>>> reads = IntStream.range(0, 10)
                    .mapToObj(i -> store.getLatestSnapshot("c", "Order"))
                    .toList();

            assertThat(reads)
                    .allSatisfy(
                            r -> assertThat(await(r).orElseThrow().version()).isEqualTo(100));
            assertThat(await(store.getLatestSnapshot("c", "Order"))
                            .orElseThrow()
                            .data())
                    .containsExactly(100);
        }
    }

    @Test
    void deletesRemoveAllOrOnlyOlderVersions(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbSnapshotStore store = store(fixture, o -> o.tableName(table + "_snapshots"));
            await(store.saveSnapshot(snapshot("d", "Order", 50)));
            await(store.saveSnapshot(snapshot("d", "Order", 100)));

            await(store.deleteSnapshotsOlderThan("d", "Order", 75));
            assertThat(await(store.getLatestSnapshot("d", "Order"))
                            .orElseThrow()
                            .version())
                    .isEqualTo(100);
            await(store.deleteSnapshotsOlderThan("d", "Order", 101));
            assertThat(await(store.getLatestSnapshot("d", "Order"))).isEmpty();

            await(store.saveSnapshot(snapshot("d", "Order", 7)));
            await(store.deleteSnapshots("d", "Order"));
            await(store.deleteSnapshots("d", "Order"));
            assertThat(await(store.getLatestSnapshot("d", "Order"))).isEmpty();
        }
    }

    @Test
    void largeAndEmptyDataRoundTripByteExactAndTooLargeIsRefusedNamingTheSize(
            EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector faults = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, faults)) {
            DynamoDbSnapshotStore store = store(fixture, o -> o.tableName(table + "_snapshots"));
            byte[] large = new byte[200_000];
            new Random(42).nextBytes(large);
            await(store.saveSnapshot(snapshot("big", "Order", 1, large)));
            await(store.saveSnapshot(snapshot("empty", "Order", 1)));

            assertThat(await(store.getLatestSnapshot("big", "Order"))
                            .orElseThrow()
                            .data())
                    .isEqualTo(large);
            assertThat(await(store.getLatestSnapshot("empty", "Order"))
                            .orElseThrow()
                            .data())
                    .isEmpty();
            faults.reset();
            assertThatThrownBy(() -> store.saveSnapshot(snapshot("huge", "Order", 1, new byte[410_000])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bytes as a DynamoDB item; the limit is 409600 bytes (400 KB)")
                    .hasMessageContaining("409600")
                    .hasMessageContaining("410000");
            assertThat(faults.totalRequests()).isZero();
        }
    }

    @Test
    void typesTenantsAndIdsWithSeparatorsNeverMeet(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbSnapshotStore store = store(fixture, o -> o.tableName(table + "_snapshots"));
            await(store.saveSnapshot(snapshot("x", "Order", 100, (byte) 1)));
            await(store.saveSnapshot(snapshot("x", "Customer", 50, (byte) 2)));
            String odd = "order-123/customer-456:item-789#a";
            await(store.saveSnapshot(snapshot(odd, "Order", 1, (byte) 3)));
            await(store.saveSnapshot(snapshot("b:c", "Order", 5, (byte) 4).withTenant("a")));
            await(store.saveSnapshot(snapshot("c", "Order", 7, (byte) 5).withTenant("a:b")));
            await(store.saveSnapshot(snapshot("x", "Order", 3, (byte) 6).withTenant("A")));

            assertThat(await(store.getLatestSnapshot("x", "Order"))
                            .orElseThrow()
                            .data())
                    .containsExactly(1);
            assertThat(await(store.getLatestSnapshot("x", "Customer"))
                            .orElseThrow()
                            .data())
                    .containsExactly(2);
            assertThat(await(store.getLatestSnapshot(odd, "Order"))
                            .orElseThrow()
                            .aggregateId())
                    .isEqualTo(odd);
            assertThat(await(store.getLatestSnapshot("b:c", "Order", "a"))
                            .orElseThrow()
                            .data())
                    .containsExactly(4);
            assertThat(await(store.getLatestSnapshot("c", "Order", "a:b"))
                            .orElseThrow()
                            .data())
                    .containsExactly(5);
            assertThat(await(store.getLatestSnapshot("x", "Order", "A"))
                            .orElseThrow()
                            .version())
                    .as("tenant A's lower version is its own, not hidden behind the untenanted v100")
                    .isEqualTo(3);
            assertThat(await(store.getLatestSnapshot("c", "Order", "a"))).isEmpty();
            assertThat(await(store.getLatestSnapshot("b:c", "Order", "a:b"))).isEmpty();
        }
    }

    @Test
    void expiredSnapshotsAreNeverReturnedAndTheConfiguredTtlAttributeIsWritten(
            EmbeddedDynamoDb db, @TestTableName String table) {
        ManualClock clock = new ManualClock(Instant.now());
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbSnapshotStore store = store(
                    fixture,
                    o -> o.tableName(table + "_snapshots")
                            .retention(Duration.ofHours(1))
                            .ttlAttribute("expiresAt")
                            .clock(clock));
            await(store.saveSnapshot(snapshot("t", "Order", 10, (byte) 1)));
            Map<String, AttributeValue> raw = db.client()
                    .getItem(b -> b.tableName(table + "_snapshots").key(DynamoDbSnapshotStore.key("t", "Order", null)))
                    .item();
            assertThat(Long.parseLong(raw.get("expiresAt").n()))
                    .isEqualTo(clock.instant().plus(Duration.ofHours(1)).getEpochSecond());
            assertThat(raw).doesNotContainKey("ttl");
            assertThat(await(store.getLatestSnapshot("t", "Order"))).isPresent();

            clock.advance(Duration.ofHours(2));
            assertThat(await(store.getLatestSnapshot("t", "Order")))
                    .as("expired, though DynamoDB may not have deleted it")
                    .isEmpty();
            assertThat(await(store.saveSnapshot(snapshot("t", "Order", 5, (byte) 2))))
                    .as("an expired version does not block")
                    .isTrue();
            assertThat(await(store.getLatestSnapshot("t", "Order"))
                            .orElseThrow()
                            .version())
                    .isEqualTo(5);
            assertThat(db.client()
                            .describeTimeToLive(b -> b.tableName(table + "_snapshots"))
                            .timeToLiveDescription()
                            .attributeName())
                    .isEqualTo("expiresAt");
        }
    }

    @Test
    void manyFirstCallsOnAFreshStoreCreateTheTableOnceAndBadInputIsRefusedBeforeAnyRequest(
            EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector faults = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, o -> o.tablePrefix("Pre_"), faults)) {
            DynamoDbSnapshotStore store = store(fixture, o -> o.tableName(table + "_snap"));
            faults.reset();
            List<CompletableFuture<Optional<Snapshot>>> reads = IntStream.range(0, 20)
                    .mapToObj(i -> store.getLatestSnapshot("none-" + i, "Order"))
                    .toList();
            assertThat(reads).allSatisfy(r -> assertThat(await(r)).isEmpty());
            assertThat(store.tableName()).isEqualTo("Pre_" + table + "_snap");
            assertThat(faults.requestCount("CreateTable")).isEqualTo(1);
            assertThat(fixture.provider().snapshotStore(o -> {}).tableName()).isEqualTo("Pre_Snapshots");

            faults.reset();
            assertThatThrownBy(() -> store.getLatestSnapshot(" ", "Order"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("aggregateId");
            assertThatThrownBy(() -> store.getLatestSnapshot("a", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("aggregateType");
            assertThatThrownBy(() -> store.deleteSnapshotsOlderThan("a", "Order", -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("version");
            assertThatThrownBy(() -> snapshot("a", "Order", -1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("version");
            assertThatThrownBy(() -> Snapshot.of("a", "Order", 1, null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessageContaining("data");
            assertThatThrownBy(() -> fixture.provider()
                            .snapshotStore(o -> o.tableName("").retention(Duration.ZERO)))
                    .isInstanceOfSatisfying(
                            InvalidOptionsException.class,
                            e -> assertThat(e.problems())
                                    .satisfiesExactly(
                                            p -> assertThat(p).contains("tableName"),
                                            p -> assertThat(p).contains("retention")));
            assertThat(faults.totalRequests()).isZero();
        }
    }
}
