package dev.excalibur.dynamodb.engine.internal.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard of a stream: its id and parent, the slice {@code [low, high)} of the partition-key hash space whose
 * records it takes while open, its sequence range (the start is reserved when the shard is made, no record has it;
 * the end is set on closing: the last record's number, or the start for a shard without records), its records in
 * sequence order, and how far retention has trimmed them. Times are in the registry's undilated frame. Guarded by
 * the registry's lock.
 */
final class StreamShard {

    private static final int COMPACT_AT = 4096;

    final String id;
    final String parentId;
    final long low;
    final long high;
    final long start;
    final Instant created;
    private final List<StoredRecord> records = new ArrayList<>();
    /** Index in {@link #records} of the oldest untrimmed record. */
    private int untrimmed;
    /** The sequence of the newest trimmed record, or -1: positions at or before it are trimmed. */
    private long lastTrimmed = -1;

    private long end = -1;
    private Instant closed;
    private boolean gone;

    StreamShard(String id, String parentId, long low, long high, long start, Instant created) {
        this.id = id;
        this.parentId = parentId;
        this.low = low;
        this.high = high;
        this.start = start;
        this.created = created;
    }

    boolean open() {
        return closed == null;
    }

    boolean takes(long hash) {
        return open() && hash >= low && hash < high;
    }

    void append(StoredRecord record) {
        records.add(record);
    }

    /** Closes the shard: no more records, its ending sequence number fixed. */
    void close(Instant when) {
        end = lastSequence();
        closed = when;
    }

    /** The ending sequence number, or -1 while open. */
    long end() {
        return end;
    }

    Instant closed() {
        return closed;
    }

    /** Whether retention removed the shard from its stream (closed and past retention). */
    boolean gone() {
        return gone;
    }

    void leave() {
        gone = true;
        records.clear();
        untrimmed = 0;
    }

    long lastTrimmed() {
        return lastTrimmed;
    }

    /** The newest record's sequence, or the start when the shard never had a record. */
    long lastSequence() {
        return records.isEmpty()
                ? Math.max(start, lastTrimmed)
                : Math.max(start, records.get(records.size() - 1).sequence());
    }

    /** Trims the records written before {@code horizon} (undilated frame, already shifted by the dilation). */
    void trimBefore(Instant horizon) {
        while (untrimmed < records.size() && records.get(untrimmed).written().isBefore(horizon)) {
            lastTrimmed = records.get(untrimmed).sequence();
            untrimmed++;
        }
        if (untrimmed >= COMPACT_AT && untrimmed * 2 >= records.size()) {
            records.subList(0, untrimmed).clear();
            untrimmed = 0;
        }
    }

    /** Up to {@code limit} untrimmed records from position {@code from} (a sequence; records at or after it) within {@code maxBytes} (at least one). */
    List<StoredRecord> read(long from, int limit, long maxBytes) {
        int low = untrimmed;
        int high = records.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (records.get(middle).sequence() < from) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        List<StoredRecord> page = new ArrayList<>();
        long bytes = 0;
        for (int i = low; i < records.size() && page.size() < limit; i++) {
            StoredRecord record = records.get(i);
            if (!page.isEmpty() && bytes + record.sizeBytes() > maxBytes) {
                break;
            }
            bytes += record.sizeBytes();
            page.add(record);
        }
        return page;
    }
}
