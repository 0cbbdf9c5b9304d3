package dev.excalibur.dynamodb.engine.internal.controls;

import dev.excalibur.dynamodb.engine.EngineRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A ring of the last N answered requests; the oldest entry gives way to a new one when full. Thread-safe. Internal to the engine. */
final class RequestLog {

    private final EngineRequest[] ring;
    private int next;
    private int size;

    RequestLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the request log keeps at least 1 entry, was asked for " + capacity);
        }
        this.ring = new EngineRequest[capacity];
    }

    synchronized void add(EngineRequest request) {
        ring[next] = request;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** The entries, oldest first, as an immutable list. */
    synchronized List<EngineRequest> snapshot() {
        List<EngineRequest> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(ring[(next - size + i + ring.length) % ring.length]);
        }
        return List.copyOf(entries);
    }

    synchronized void clear() {
        Arrays.fill(ring, null);
        next = 0;
        size = 0;
    }
}
