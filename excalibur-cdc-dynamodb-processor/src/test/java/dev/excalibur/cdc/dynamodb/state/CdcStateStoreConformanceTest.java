package dev.excalibur.cdc.dynamodb.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same behaviour from the DynamoDB and the in-memory state store. */
class CdcStateStoreConformanceTest {

    private static final String ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/1";
    private static final Duration LEASE = Duration.ofSeconds(30);

    /** Each store on a clock of its own, which the test may move. */
    static Stream<Arguments> stores() {
        ManualClock memoryClock = clock();
        ManualClock dynamoDbClock = clock();
        return Stream.of(
                Arguments.of(Named.of("in-memory", new InMemoryCdcStateStore(memoryClock)), memoryClock),
                Arguments.of(
                        Named.of(
                                "DynamoDB",
                                DynamoDbCdcStateStore.builder()
                                        .client(EmbeddedDynamoDb.shared().asyncClient())
                                        .tableName(EmbeddedDynamoDb.shared().newTableName("CdcState"))
                                        .clock(dynamoDbClock)
                                        .build()),
                        dynamoDbClock));
    }

    private static ManualClock clock() {
        return new ManualClock(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aCheckpointWrittenUnderALeaseIsReadBackWithItsCount(CdcStateStore store, ManualClock clock) {
        ShardLease lease = store.acquire("p", ARN, "shard-1", "worker-a", LEASE).orElseThrow();
        assertThat(lease.checkpoint()).isEqualTo(ShardCheckpoint.UNREAD);
        assertThat(lease.counter()).isEqualTo(1);

        store.checkpoint(lease, ShardCheckpoint.after("000000000000000000042"), 42);
        store.checkpoint(lease, ShardCheckpoint.after("000000000000000000050"), 8);

        ShardState state = store.shards("p").get(0);
        assertThat(state.checkpoint()).isEqualTo(ShardCheckpoint.after("000000000000000000050"));
        assertThat(state.recordsProcessed()).isEqualTo(50);
        assertThat(state.streamArn()).isEqualTo(ARN);
        assertThat(state.owner()).isEqualTo("worker-a");
        assertThat(state.leaseExpiresAt()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(state.updatedAt()).isEqualTo(clock.instant());
        Instant skip = Instant.parse("2026-11-25T09:00:00Z");
        store.checkpoint(lease, ShardCheckpoint.unreadSince(skip).toFinished(), 0);
        assertThat(store.shards("p").get(0).checkpoint()).isEqualTo(new ShardCheckpoint(null, true, skip));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aHeldLeaseIsRefusedToOthersUntilItExpiresThenTakenWithAHigherCounter(CdcStateStore store, ManualClock clock) {
        ShardLease first = store.acquire("p", ARN, "shard-1", "worker-a", LEASE).orElseThrow();
        store.checkpoint(first, ShardCheckpoint.after("000000000000000000007"), 7);

        assertThat(store.acquire("p", ARN, "shard-1", "worker-b", LEASE)).isEmpty();
        clock.advance(LEASE.plusMillis(1));
        ShardLease taken = store.acquire("p", ARN, "shard-1", "worker-b", LEASE).orElseThrow();

        assertThat(taken.counter()).isGreaterThan(first.counter());
        assertThat(taken.checkpoint()).isEqualTo(ShardCheckpoint.after("000000000000000000007"));
        assertThatThrownBy(() -> store.checkpoint(first, ShardCheckpoint.after("000000000000000000009"), 2))
                .isInstanceOf(LeaseLostException.class)
                .hasMessageContaining("worker-a");
        assertThat(store.renew(first, LEASE)).isFalse();
        store.release(first);
        assertThat(store.shards("p").get(0).owner()).isEqualTo("worker-b");
        assertThat(store.shards("p").get(0).checkpoint().sequenceNumber()).isEqualTo("000000000000000000007");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void renewalKeepsTheLeaseAndReleaseFreesItAtOnce(CdcStateStore store, ManualClock clock) {
        ShardLease lease = store.acquire("p", ARN, "shard-1", "worker-a", LEASE).orElseThrow();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(store.renew(lease, LEASE)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(store.acquire("p", ARN, "shard-1", "worker-b", LEASE)).isEmpty();

        store.release(lease);
        assertThat(store.shards("p").get(0).leasedAt(clock.instant())).isFalse();
        assertThat(store.acquire("p", ARN, "shard-1", "worker-b", LEASE)).isPresent();
        assertThatThrownBy(() -> store.checkpoint(lease, ShardCheckpoint.after("000000000000000000001"), 1))
                .isInstanceOf(LeaseLostException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void concurrentTakersOfOneShardGetOneLease(CdcStateStore store) throws Exception {
        store.shards("p");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<ShardLease>>> takers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String owner = "worker-" + i;
                takers.add(() -> store.acquire("p", ARN, "shard-1", owner, LEASE));
            }
            long winners = 0;
            for (Future<Optional<ShardLease>> result : pool.invokeAll(takers)) {
                winners += result.get().isPresent() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void processorsAreIsolatedAndDeleteReportsWhetherAnythingExisted(CdcStateStore store) {
        store.acquire("orders", ARN, "shard-1", "w", LEASE).orElseThrow();
        store.acquire("orders", ARN, "shard-2", "w", LEASE).orElseThrow();
        store.acquire("payments", ARN, "shard-1", "w", LEASE).orElseThrow();

        assertThat(store.shards("orders"))
                .extracting(ShardState::shardId)
                .containsExactlyInAnyOrder("shard-1", "shard-2");
        assertThat(store.delete("orders")).isTrue();
        assertThat(store.delete("orders")).isFalse();
        assertThat(store.shards("orders")).isEmpty();
        assertThat(store.shards("payments")).hasSize(1);
        assertThatThrownBy(() -> store.shards(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("processor");
        assertThatThrownBy(() -> store.acquire("p", ARN, "s", "w", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duration");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void onlyFinishedUnleasedShardsAreRemoved(CdcStateStore store) {
        ShardLease open = store.acquire("p", ARN, "open", "w", LEASE).orElseThrow();
        store.checkpoint(open, ShardCheckpoint.after("000000000000000000001"), 1);
        store.release(open);
        ShardLease held = store.acquire("p", ARN, "held", "w", LEASE).orElseThrow();
        store.checkpoint(held, ShardCheckpoint.after("000000000000000000002").toFinished(), 1);
        ShardLease done = store.acquire("p", ARN, "done", "w", LEASE).orElseThrow();
        store.checkpoint(done, ShardCheckpoint.after("000000000000000000003").toFinished(), 1);
        store.release(done);

        store.removeFinished("p", "open");
        store.removeFinished("p", "held");
        store.removeFinished("p", "done");

        assertThat(store.shards("p")).extracting(ShardState::shardId).containsExactlyInAnyOrder("open", "held");
    }
}
