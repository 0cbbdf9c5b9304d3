package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEvent;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedOptions;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedStartPosition;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedSubscription;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.streams.StalePositionException;
import dev.excalibur.dynamodb.streams.internal.ShardLineage;
import dev.excalibur.dynamodb.streams.internal.ShardReader;
import dev.excalibur.dynamodb.streams.internal.StreamRecords;
import dev.excalibur.dynamodb.streams.internal.StreamShard;
import dev.excalibur.dynamodb.streams.internal.StreamSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * A change feed subscription on one table's stream. Each subscriber is served by a thread of its
 * own that reads shards (parents before children) only while the subscriber has demand; the
 * position (every known shard's checkpoint) moves with each delivered event and is where the next
 * subscriber starts.
 */
final class DynamoDbChangeFeed<T> implements ChangeFeedSubscription<T> {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbChangeFeed.class);
    private static final Duration LATEST_GRACE = Duration.ofSeconds(1);

    private final String id;
    private final StreamSource source;
    private final Class<T> type;
    private final ChangeFeedOptions options;
    private final Items items;
    private final DynamoDbOptions providerOptions;
    private final Duration discoveryInterval;
    private final AtomicReference<@Nullable Session> session = new AtomicReference<>();
    private volatile FeedPosition position;
    private volatile boolean startAtLatest;
    private volatile boolean active = true;

    DynamoDbChangeFeed(
            String table,
            StreamSource source,
            Class<T> type,
            ChangeFeedOptions options,
            @Nullable FeedPosition resumeFrom,
            Items items,
            DynamoDbOptions providerOptions) {
        this.id = "streams-" + table + "-" + UUID.randomUUID().toString().replace("-", "");
        this.source = source;
        this.type = type;
        this.options = options;
        this.items = items;
        this.providerOptions = providerOptions;
        long pollMillis = options.pollingInterval().toMillis();
        this.discoveryInterval = Duration.ofMillis(Math.max(1000, Math.min(60_000, pollMillis * 10)));
        if (resumeFrom != null) {
            if (!resumeFrom.streamArn().equals(source.streamArn())) {
                throw new StalePositionException(
                        resumeFrom.streamArn(),
                        null,
                        null,
                        "the continuation token belongs to another stream; table '" + table + "' now has stream "
                                + source.streamArn(),
                        null);
            }
            this.position = resumeFrom;
        } else if (options.startPosition() == ChangeFeedStartPosition.NOW) {
            this.position = new FeedPosition(source.streamArn(), Instant.now(), Map.of());
            this.startAtLatest = true;
        } else {
            Instant skip =
                    options.startPosition() == ChangeFeedStartPosition.FROM_TIMESTAMP ? options.startTimestamp() : null;
            this.position = new FeedPosition(source.streamArn(), skip, Map.of());
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public Optional<String> continuationToken() {
        return Optional.of(position.toToken());
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ChangeFeedEvent<T>> subscriber) {
        java.util.Objects.requireNonNull(subscriber, "subscriber must not be null");
        Session next = new Session(subscriber);
        if (!active) {
            subscriber.onSubscribe(next);
            subscriber.onError(new IllegalStateException("change feed subscription " + id + " is closed"));
            return;
        }
        Session current = session.get();
        if ((current != null && !current.ended) || !session.compareAndSet(current, next)) {
            subscriber.onSubscribe(next);
            subscriber.onError(new IllegalStateException(
                    "change feed subscription " + id + " already has a subscriber; it serves one at a time"));
            return;
        }
        subscriber.onSubscribe(next);
        Thread thread = new Thread(next, "excalibur-change-feed-" + id);
        thread.setDaemon(true);
        next.thread = thread;
        thread.start();
    }

    @Override
    public void close() {
        active = false;
        Session current = session.get();
        if (current != null) {
            current.stop(true);
        }
    }

    /** One subscriber: its demand, its reading thread. */
    private final class Session implements Flow.Subscription, Runnable {
        private final Flow.Subscriber<? super ChangeFeedEvent<T>> subscriber;
        private final Object lock = new Object();
        private final Map<String, ShardReader> readers = new LinkedHashMap<>();
        private long demand;
        private boolean cancelled;
        private boolean completeOnStop;
        private volatile boolean ended;
        private volatile @Nullable Thread thread;
        private long nextDiscovery;
        private boolean discoveryWanted = true;

        Session(Flow.Subscriber<? super ChangeFeedEvent<T>> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            synchronized (lock) {
                if (n <= 0) {
                    cancelled = true;
                    lock.notifyAll();
                    subscriber.onError(new IllegalArgumentException(
                            "request(n) needs n > 0 (reactive streams rule 3.9) but was " + n));
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                lock.notifyAll();
            }
        }

        @Override
        public void cancel() {
            stop(false);
        }

        void stop(boolean complete) {
            synchronized (lock) {
                cancelled = true;
                completeOnStop |= complete;
                lock.notifyAll();
            }
        }

        @Override
        public void run() {
            Throwable failure = null;
            try {
                while (!stopped()) {
                    if (discoveryWanted || System.nanoTime() - nextDiscovery >= 0) {
                        discover();
                    }
                    boolean delivered = false;
                    for (ShardReader reader : new ArrayList<>(readers.values())) {
                        delivered |= deliver(reader);
                        if (stopped()) {
                            break;
                        }
                    }
                    if (!delivered && !discoveryWanted) {
                        pause(options.pollingInterval().toMillis());
                    }
                }
            } catch (CancellationException e) {
                LOG.debug("change feed {} stopped while reading", id);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                ended = true;
            }
            if (failure != null && !stopped()) {
                active = false;
                LOG.warn("change feed {} failed: {}", id, failure.toString());
                subscriber.onError(failure);
            } else if (completeOnStop()) {
                subscriber.onComplete();
            }
        }

        private void discover() {
            List<StreamShard> shards = source.shards();
            FeedPosition current = position;
            if (startAtLatest) {
                // LATEST iterators only right after the start; later (a subscriber that came late) the
                // open shards are read from their oldest record, skipping what is older than the start
                boolean latest = Duration.between(current.defaultSkipBefore(), Instant.now())
                                .compareTo(LATEST_GRACE)
                        < 0;
                for (StreamShard shard : shards) {
                    ShardCheckpoint start = ShardCheckpoint.unreadSince(current.defaultSkipBefore());
                    if (shard.closed()) {
                        current = current.with(shard.id(), start.toFinished());
                    } else {
                        current = current.with(shard.id(), start);
                        readers.put(shard.id(), source.reader(shard, start, latest, options.maxBatchSize()));
                    }
                }
                startAtLatest = false;
            }
            ShardLineage lineage = new ShardLineage(shards, current.shards());
            List<String> vanished = lineage.vanished();
            if (!vanished.isEmpty()) {
                String shardId = vanished.get(0);
                throw new StalePositionException(
                        source.streamArn(),
                        shardId,
                        current.shards().get(shardId).sequenceNumber(),
                        "the shard is no longer in the stream",
                        null);
            }
            for (StreamShard shard : lineage.readable()) {
                if (!readers.containsKey(shard.id())) {
                    ShardCheckpoint start = lineage.startOf(shard, current.defaultSkipBefore());
                    readers.put(shard.id(), source.reader(shard, start, false, options.maxBatchSize()));
                    current = current.with(shard.id(), start);
                }
            }
            position = current.without(new ShardLineage(shards, current.shards()).prunable(gone -> true));
            discoveryWanted = false;
            nextDiscovery = System.nanoTime() + discoveryInterval.toNanos();
        }

        /** Reads one batch of a shard and delivers it as demand allows; true if it held records. */
        private boolean deliver(ShardReader reader) {
            List<Record> records = reader.read();
            String shardId = reader.shard().id();
            for (Record record : records) {
                FeedPosition next = position.with(
                        shardId, ShardCheckpoint.after(record.dynamodb().sequenceNumber()));
                ChangeFeedEvent<T> event = event(record, next);
                if (event != null && !awaitDemand()) {
                    return true;
                }
                // the position moves before the subscriber sees the event, so a token read once the event
                // arrived (on any thread) resumes after it, as the event's own token does
                position = next;
                if (event != null) {
                    subscriber.onNext(event);
                }
            }
            if (reader.finished()) {
                position = position.with(shardId, reader.checkpoint());
                readers.remove(shardId);
                discoveryWanted = true;
            }
            return !records.isEmpty();
        }

        /** The event for a record, with the token of the position after it; null for a record not delivered. */
        private @Nullable ChangeFeedEvent<T> event(Record record, FeedPosition after) {
            ChangeFeedEventType eventType = StreamRecords.typeOf(record);
            if (eventType == null) {
                LOG.warn(
                        "change feed {}: skipping record {} with unknown event name '{}'",
                        id,
                        record.eventID(),
                        record.eventNameAsString());
                return null;
            }
            Map<String, AttributeValue> keys = record.dynamodb().keys();
            String partitionKey = text(keys.get(providerOptions.partitionKeyAttribute()));
            if (options.partitionKeyFilter() != null
                    && !options.partitionKeyFilter().equals(partitionKey)) {
                return null;
            }
            String documentId = text(keys.get(providerOptions.sortKeyAttribute()));
            Map<String, AttributeValue> newImage = record.dynamodb().newImage();
            Map<String, AttributeValue> oldImage = record.dynamodb().oldImage();
            T document = eventType == ChangeFeedEventType.DELETED || newImage == null || newImage.isEmpty()
                    ? null
                    : read(newImage);
            T previous = oldImage == null || oldImage.isEmpty() ? null : read(oldImage);
            Instant created = record.dynamodb().approximateCreationDateTime();
            return new ChangeFeedEvent<>(
                    eventType,
                    documentId == null ? partitionKey : documentId,
                    partitionKey,
                    document,
                    previous,
                    created == null ? Instant.now() : created,
                    record.dynamodb().sequenceNumber(),
                    after.toToken());
        }

        private T read(Map<String, AttributeValue> image) {
            return items.codec().fromItem(image, type, items.bookkeepingAttributes());
        }

        private boolean awaitDemand() {
            synchronized (lock) {
                while (demand == 0 && !cancelled) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted");
                    }
                }
                if (cancelled) {
                    return false;
                }
                demand--;
                return true;
            }
        }

        private void pause(long millis) {
            synchronized (lock) {
                if (!cancelled) {
                    try {
                        lock.wait(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted");
                    }
                }
            }
        }

        private boolean stopped() {
            synchronized (lock) {
                return cancelled;
            }
        }

        private boolean completeOnStop() {
            synchronized (lock) {
                return completeOnStop;
            }
        }
    }

    private static @Nullable String text(@Nullable AttributeValue value) {
        if (value == null) {
            return null;
        }
        return value.s() != null ? value.s() : value.n();
    }
}
