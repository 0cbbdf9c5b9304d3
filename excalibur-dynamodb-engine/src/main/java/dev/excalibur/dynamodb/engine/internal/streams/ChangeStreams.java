package dev.excalibur.dynamodb.engine.internal.streams;

import dev.excalibur.dynamodb.engine.internal.tables.Table;
import dev.excalibur.dynamodb.engine.internal.tables.TableDefinition;
import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Every DynamoDB stream of one engine: the records the tables' writes append, the shards and their lineage,
 * retention, and the test controls on them (rollover, split, trim, dilation of event times).
 *
 * <p>Time: the registry keeps its timestamps in an undilated frame, {@code engine time + total dilation at the
 * moment of storing}; {@link #effective(Instant)} turns one back into engine time by subtracting today's total
 * dilation. So {@link #dilateEventTimes(Duration)} ages every stored stream timestamp at once without moving the
 * clock, and new writes keep the current time.
 *
 * <p>Records: one per effective item change, appended to the open shard whose slice of the partition-key hash space
 * holds the item's partition key (so one item's records stay in one lineage, in write order). Sequence numbers come
 * from one engine-wide counter, so they increase within a shard and from a parent to its children.
 *
 * <p>Retention ({@value #RETENTION_HOURS} h of engine time): older records are trimmed; a closed shard leaves its
 * stream once its closing is older than that (all its records are then past retention); a disabled stream (its table
 * deleted, or its stream turned off) is removed once disabled for that long. Retention is applied on every Streams
 * call, by {@link #trimNow()}, and to the shard a write appends to (so a stream nobody reads does not grow without
 * bound). An optional automatic rollover closes open shards once they reach a given age
 * (checked at the same moments and at every write; off by default).
 *
 * <p>Concurrency: one monitor (this object) guards all of it; writers call {@link #record} holding their table's
 * write lock, so locks are always taken table first, registry second. Internal to the engine.
 */
public final class ChangeStreams {

    static final int RETENTION_HOURS = 24;
    static final Duration RETENTION = Duration.ofHours(RETENTION_HOURS);
    private static final DateTimeFormatter LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final BigInteger SEQUENCE_BASE = BigInteger.TEN.pow(20);
    /** The partition-key hash space, {@code [0, 2^62)}. */
    private static final long HASH_SPACE = 1L << 62;

    private final Clock clock;
    private final String region;
    private final String tableArnPrefix;
    private final int shardsPerStream;
    private final Duration rolloverInterval;
    private final Random random = new Random();
    /** Streams by ARN, in creation order, until retention removes them. */
    private final Map<String, ChangeStream> streams = new LinkedHashMap<>();
    /** The enabled stream of each table that has one. */
    private final Map<Table, ChangeStream> enabled = new HashMap<>();

    private long sequence;
    private long ordinals;
    private volatile Duration dilation = Duration.ZERO;
    private long dilations;

    /**
     * @param shardsPerStream  how many open shards a new stream starts with (at least 1), each taking an equal slice
     *                         of the partition-key hash space
     * @param rolloverInterval the age (engine time, dilation included) at which an open shard of an enabled stream
     *                         is rolled over, or null for no automatic rollover
     */
    public ChangeStreams(Clock clock, String region, String accountId, int shardsPerStream, Duration rolloverInterval) {
        if (shardsPerStream < 1) {
            throw new IllegalArgumentException("a stream has at least one shard: " + shardsPerStream);
        }
        this.clock = clock;
        this.region = region;
        this.tableArnPrefix = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/";
        this.shardsPerStream = shardsPerStream;
        this.rolloverInterval = rolloverInterval;
    }

    // ---------------------------------------------------------------- hooks of the control plane and the writers

    /**
     * A label for a new stream of {@code tableName}: the engine time as {@code yyyy-MM-dd'T'HH:mm:ss.SSS}, moved on by
     * a millisecond while a stream of that table (an earlier one, still kept) already has it, so ARNs stay unique.
     */
    public synchronized String newLabel(String tableName) {
        Instant at = clock.instant();
        while (streams.containsKey(tableArnPrefix + tableName + "/stream/" + LABEL.format(at))) {
            at = at.plusMillis(1);
        }
        return LABEL.format(at);
    }

    /**
     * Brings the table's stream in line with its definition: a new stream (new label) when the definition names one
     * the registry does not have, the previous one disabled; the stream disabled when the definition turns it off.
     */
    public void tableChanged(Table table) {
        table.lock().writeLock().lock();
        try {
            synchronized (this) {
                TableDefinition definition = table.definition();
                ChangeStream current = enabled.get(table);
                if (definition.streamEnabled()) {
                    if (current == null || !current.arn.equals(definition.streamArn())) {
                        if (current != null) {
                            current.disable(undilatedNow());
                        }
                        enabled.put(table, newStream(table, definition));
                        table.changes((before, after) -> record(table, before, after, false));
                    }
                } else if (current != null) {
                    current.disable(undilatedNow());
                    enabled.remove(table);
                }
            }
        } finally {
            table.lock().writeLock().unlock();
        }
    }

    /** The table is deleted: its stream is disabled (readable until retention removes it). */
    public synchronized void tableDeleted(Table table) {
        ChangeStream current = enabled.remove(table);
        if (current != null) {
            current.disable(undilatedNow());
        }
    }

    /**
     * Appends the record of one effective change of an item of {@code table} to its enabled stream, if it has one;
     * {@code byService} marks a deletion by time to live. The caller holds the table's write lock.
     */
    public synchronized void record(
            Table table, Map<String, AttributeValue> before, Map<String, AttributeValue> after, boolean byService) {
        ChangeStream stream = enabled.get(table);
        if (stream == null) {
            return;
        }
        rolloverAged(stream);
        Map<String, AttributeValue> keys = table.keys().keyOf(after != null ? after : before);
        OperationType name =
                before == null ? OperationType.INSERT : after == null ? OperationType.REMOVE : OperationType.MODIFY;
        boolean newImages =
                stream.viewType == StreamViewType.NEW_IMAGE || stream.viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean oldImages =
                stream.viewType == StreamViewType.OLD_IMAGE || stream.viewType == StreamViewType.NEW_AND_OLD_IMAGES;
        Map<String, AttributeValue> newImage = newImages ? after : null;
        Map<String, AttributeValue> oldImage = oldImages ? before : null;
        // Documentation is silent on the SizeBytes formula: the engine counts the item sizes of Keys and the images.
        long size = AttributeValues.itemSize(keys)
                + (newImage == null ? 0 : AttributeValues.itemSize(newImage))
                + (oldImage == null ? 0 : AttributeValues.itemSize(oldImage));
        long hash = hash(keys.get(table.keys().hashName()));
        StreamShard shard = stream.openShardFor(hash);
        shard.trimBefore(undilatedNow().minus(RETENTION));
        String eventId = String.format("%016x%016x", random.nextLong(), random.nextLong());
        shard.append(
                new StoredRecord(++sequence, eventId, name, keys, newImage, oldImage, size, undilatedNow(), byService));
    }

    // ---------------------------------------------------------------- controls

    /** Closes every open shard of every enabled stream; each continues in one child naming it as its parent. */
    public synchronized void rolloverShards() {
        enabled.values().forEach(this::rollover);
    }

    /**
     * As {@link #rolloverShards()} for the enabled stream of one table.
     *
     * @throws IllegalArgumentException if there is no such table with an enabled stream
     */
    public synchronized void rolloverShards(String tableName) {
        rollover(enabledStream(tableName));
    }

    /**
     * Closes the open shard {@code shardId} of the table's enabled stream and gives it {@code count} children, which
     * split its slice of the partition-key hash space; returns their ids.
     *
     * @throws IllegalArgumentException if there is no such table with an enabled stream, no such open shard, or
     *                                  {@code count} is below 2 or larger than the shard's slice
     */
    public synchronized List<String> splitShard(String tableName, String shardId, int count) {
        ChangeStream stream = enabledStream(tableName);
        StreamShard shard = stream.shard(shardId);
        if (shard == null || !shard.open()) {
            throw new IllegalArgumentException("no open shard " + shardId + " in " + stream.arn);
        }
        long width = shard.high - shard.low;
        if (count < 2 || count > width) {
            throw new IllegalArgumentException("a split makes 2 or more children: " + count);
        }
        shard.close(undilatedNow());
        List<String> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long low = shard.low + width / count * i;
            long high = i == count - 1 ? shard.high : shard.low + width / count * (i + 1);
            children.add(newShard(stream, shard.id, low, high).id);
        }
        return children;
    }

    /** Drops every stream, enabled or kept for retention (the engine's reset); sequence numbers keep increasing. */
    public synchronized void clear() {
        streams.clear();
        enabled.clear();
    }

    /**
     * Applies retention now to every stream (trims records, removes closed shards and disabled streams past it),
     * and the automatic rollover when one is configured.
     */
    public synchronized void trimNow() {
        maintain();
    }

    /**
     * Ages every stored stream timestamp (records, shards, streams) and every time kept on {@link #agingClock()} by
     * {@code offset} without moving the clock, and expires every shard iterator issued before, as DynamoDB Local's
     * {@code dilateEventTimes} does.
     *
     * @throws IllegalArgumentException unless {@code offset} is positive
     */
    public synchronized void dilateEventTimes(Duration offset) {
        if (offset.isNegative() || offset.isZero()) {
            throw new IllegalArgumentException("event times are dilated by a positive duration: " + offset);
        }
        dilation = dilation.plus(offset);
        dilations++;
    }

    /**
     * A clock running ahead of the engine clock by the total dilation so far: a time stored from it and compared with
     * it later ages by every dilation in between, as the registry's own timestamps do. Transactions keep their
     * idempotency window on it, so a dilation ages their tokens as DynamoDB Local's did.
     */
    public Clock agingClock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return undilatedNow();
            }

            @Override
            public ZoneId getZone() {
                return clock.getZone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("the aging clock keeps the engine clock's zone");
            }
        };
    }

    // ---------------------------------------------------------------- for the Streams API (caller holds this monitor)

    String region() {
        return region;
    }

    Instant now() {
        return clock.instant();
    }

    /** How many dilations there were: an iterator issued under another count has expired. */
    long dilations() {
        return dilations;
    }

    /** A stored (undilated) timestamp as engine time today. */
    Instant effective(Instant undilated) {
        return undilated.minus(dilation);
    }

    /** The stream with this ARN, still kept, or null. */
    ChangeStream stream(String arn) {
        return streams.get(arn);
    }

    List<ChangeStream> streams() {
        return List.copyOf(streams.values());
    }

    /** Applies retention and, when configured, the automatic rollover; every Streams call starts with it. */
    void maintain() {
        enabled.values().forEach(this::rolloverAged);
        // Documentation is silent on the exact moments: a record exactly 24 h old is kept, one a millisecond older is
        // trimmed; a closed shard leaves (and a disabled stream goes) 24 h after its closing (disabling).
        Instant horizon = undilatedNow().minus(RETENTION);
        streams.values()
                .removeIf(
                        stream -> stream.disabled() != null && stream.disabled().isBefore(horizon));
        for (ChangeStream stream : streams.values()) {
            for (StreamShard shard : stream.shards) {
                if (shard.gone()) {
                    continue;
                }
                shard.trimBefore(horizon);
                if (!shard.open() && shard.closed().isBefore(horizon)) {
                    shard.leave();
                }
            }
        }
    }

    static String sequenceNumber(long sequence) {
        return SEQUENCE_BASE.add(BigInteger.valueOf(sequence)).toString();
    }

    /** The engine's sequence for a sequence number the engine printed, or -1 when it cannot be one. */
    static long sequence(String sequenceNumber) {
        BigInteger value = new BigInteger(sequenceNumber).subtract(SEQUENCE_BASE);
        return value.signum() < 0 || value.bitLength() > 62 ? -1 : value.longValue();
    }

    // ---------------------------------------------------------------- internals

    private Instant undilatedNow() {
        return clock.instant().plus(dilation);
    }

    private ChangeStream newStream(Table table, TableDefinition definition) {
        ChangeStream stream = new ChangeStream(
                definition.streamArn(),
                definition.streamLabel(),
                table,
                definition.streamSpecification().streamViewType(),
                undilatedNow(),
                ordinals++);
        long width = HASH_SPACE / shardsPerStream;
        for (int i = 0; i < shardsPerStream; i++) {
            newShard(stream, null, width * i, i == shardsPerStream - 1 ? HASH_SPACE : width * (i + 1));
        }
        streams.put(stream.arn, stream);
        return stream;
    }

    /** A new open shard of {@code stream}: id {@code shardId-<20-digit engine epoch millis>-<8 hex>}, its start reserved. */
    private StreamShard newShard(ChangeStream stream, String parentId, long low, long high) {
        String id;
        do {
            id = String.format("shardId-%020d-%08x", clock.millis(), random.nextInt());
        } while (stream.shard(id) != null);
        StreamShard shard = new StreamShard(id, parentId, low, high, ++sequence, undilatedNow());
        stream.add(shard);
        return shard;
    }

    private void rollover(ChangeStream stream) {
        stream.openShards().forEach(shard -> rollover(stream, shard));
    }

    private void rollover(ChangeStream stream, StreamShard shard) {
        shard.close(undilatedNow());
        newShard(stream, shard.id, shard.low, shard.high);
    }

    /**
     * Rolls over the open shards at least {@code rolloverInterval} old; a child is as old as the moment it is made,
     * so after a long pause one rollover happens, not one per interval missed.
     */
    private void rolloverAged(ChangeStream stream) {
        if (rolloverInterval == null) {
            return;
        }
        Instant due = undilatedNow().minus(rolloverInterval);
        for (StreamShard shard : stream.openShards()) {
            if (!shard.created.isAfter(due)) {
                rollover(stream, shard);
            }
        }
    }

    private ChangeStream enabledStream(String tableName) {
        return enabled.values().stream()
                .filter(stream -> stream.tableName.equals(tableName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + tableName + " with an enabled stream"));
    }

    /**
     * Where a partition key value falls in the hash space: the first 62 bits of the MD5 of its type and bytes.
     */
    // Documentation is silent on how the service maps partition keys to shards; any stable hash keeps one key's
    // records in one lineage, which is what readers rely on.
    private static long hash(AttributeValue partitionKey) {
        byte[] bytes = partitionKey.s() != null
                ? ("S" + partitionKey.s()).getBytes(StandardCharsets.UTF_8)
                : partitionKey.n() != null
                        ? ("N" + partitionKey.n()).getBytes(StandardCharsets.UTF_8)
                        : partitionKey.b().asByteArray();
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(bytes);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value >>> 2;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java platform", e);
        }
    }
}
