package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A handler that records what it is given, thread-safe; tests wait on it and check order. */
final class Recorder implements CdcHandler {

    /** One delivery: item key, version (-1 for deletes), the change. */
    record Delivery(String key, int version, CdcChange change) {}

    private final List<Delivery> deliveries = new ArrayList<>();

    @Override
    public synchronized void handle(CdcChange change) {
        var image = change.newImage() != null ? change.newImage() : change.oldImage();
        int version = change.newImage() == null
                ? -1
                : Integer.parseInt(image.get("version").n());
        deliveries.add(new Delivery(change.keys().get("pk").s(), version, change));
        notifyAll();
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized int distinct() {
        Set<String> ids = new HashSet<>();
        deliveries.forEach(d -> ids.add(d.change().eventId()));
        return ids.size();
    }

    /** Waits until {@code count} distinct changes arrived; fails after {@code seconds}. */
    synchronized void awaitDistinct(int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (distinct() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(
                        "got " + distinct() + " of " + count + " distinct changes in " + seconds + " s");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Per item, the versions in the order they were first delivered. */
    synchronized Map<String, List<Integer>> firstDeliveryVersions() {
        Map<String, List<Integer>> versions = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Delivery delivery : deliveries) {
            if (seen.add(delivery.change().eventId())) {
                versions.computeIfAbsent(delivery.key(), k -> new ArrayList<>()).add(delivery.version());
            }
        }
        return versions;
    }

    synchronized int duplicates() {
        return deliveries.size() - distinct();
    }
}
