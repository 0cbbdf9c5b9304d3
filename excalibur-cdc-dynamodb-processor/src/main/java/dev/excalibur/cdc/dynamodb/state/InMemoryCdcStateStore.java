package dev.excalibur.cdc.dynamodb.state;

import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CdcStateStore} in memory, with the same conditions as the DynamoDB one: for tests and
 * for processors whose instances share one JVM. Nothing survives the JVM.
 */
public final class InMemoryCdcStateStore implements CdcStateStore {

    private final Map<String, Map<String, ShardState>> processors = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A store on the system clock. */
    public InMemoryCdcStateStore() {
        this(Clock.systemUTC());
    }

    /** A store whose lease expiry follows {@code clock}. */
    public InMemoryCdcStateStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    @Override
    public List<ShardState> shards(String processor) {
        List<ShardState> shards = new ArrayList<>(entries(processor).values());
        shards.sort(Comparator.comparing(ShardState::shardId));
        return shards;
    }

    @Override
    public Optional<ShardLease> acquire(
            String processor, String streamArn, String shardId, String owner, Duration duration) {
        StateArguments.require(processor, shardId, owner, duration);
        Instant now = clock.instant();
        boolean[] acquired = {true};
        ShardState taken = entries(processor).compute(shardId, (id, state) -> {
            if (state == null) {
                return new ShardState(
                        processor, shardId, streamArn, ShardCheckpoint.UNREAD, now, 0, owner, now.plus(duration), 1);
            }
            if (state.leasedAt(now) && !owner.equals(state.owner())) {
                acquired[0] = false;
                return state;
            }
            return copy(state, state.checkpoint(), state.updatedAt(), 0, owner, now.plus(duration), 1);
        });
        return acquired[0]
                ? Optional.of(new ShardLease(processor, shardId, owner, taken.leaseCounter(), taken.checkpoint()))
                : Optional.empty();
    }

    @Override
    public boolean renew(ShardLease lease, Duration duration) {
        Instant now = clock.instant();
        return update(
                lease,
                state -> copy(state, state.checkpoint(), state.updatedAt(), 0, state.owner(), now.plus(duration), 0));
    }

    @Override
    public void checkpoint(ShardLease lease, ShardCheckpoint checkpoint, long recordsHandled) {
        Objects.requireNonNull(checkpoint, "checkpoint must not be null");
        Instant now = clock.instant();
        if (!update(
                lease,
                state -> copy(state, checkpoint, now, recordsHandled, state.owner(), state.leaseExpiresAt(), 0))) {
            throw new LeaseLostException(lease);
        }
    }

    @Override
    public void release(ShardLease lease) {
        update(lease, state -> copy(state, state.checkpoint(), state.updatedAt(), 0, null, null, 0));
    }

    @Override
    public void removeFinished(String processor, String shardId) {
        Instant now = clock.instant();
        entries(processor)
                .computeIfPresent(
                        shardId, (id, state) -> state.checkpoint().finished() && !state.leasedAt(now) ? null : state);
    }

    @Override
    public boolean delete(String processor) {
        Map<String, ShardState> removed = processors.remove(processor);
        return removed != null && !removed.isEmpty();
    }

    /** Applies {@code change} if the lease is still current; true if it was. */
    private boolean update(ShardLease lease, java.util.function.UnaryOperator<ShardState> change) {
        boolean[] applied = {false};
        entries(lease.processor()).computeIfPresent(lease.shardId(), (id, state) -> {
            if (lease.owner().equals(state.owner()) && state.leaseCounter() == lease.counter()) {
                applied[0] = true;
                return change.apply(state);
            }
            return state;
        });
        return applied[0];
    }

    private Map<String, ShardState> entries(String processor) {
        StateArguments.requireProcessor(processor);
        return processors.computeIfAbsent(processor, p -> new ConcurrentHashMap<>());
    }

    /**
     * {@code state} of the same processor, shard and stream with this checkpoint, time and lease,
     * {@code handled} more records and a lease counter raised by {@code counterRaise}.
     */
    private static ShardState copy(
            ShardState state,
            ShardCheckpoint checkpoint,
            @Nullable Instant updatedAt,
            long handled,
            @Nullable String owner,
            @Nullable Instant leaseExpiresAt,
            long counterRaise) {
        return new ShardState(
                state.processor(),
                state.shardId(),
                state.streamArn(),
                checkpoint,
                updatedAt,
                state.recordsProcessed() + handled,
                owner,
                leaseExpiresAt,
                state.leaseCounter() + counterRaise);
    }
}
