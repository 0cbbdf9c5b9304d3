package dev.excalibur.cdc.dynamodb.kcl;

import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.awaitTrue;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.createStreamTable;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.itemKey;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.writeVersions;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lone KCL worker, in a JVM of its own, is killed ({@code destroyForcibly}, no shutdown of any
 * kind): it held the shard's lease and, being alone, was the fleet's leader. A new worker (a new
 * JVM, a new worker id) must take over within a bound derived from the settings, and between them
 * every change is handled at least once, never before an earlier change of the same item.
 */
class KclFailoverTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration LEADER_LEASE = Duration.ofSeconds(2);
    private static final Duration ASSIGNMENT_INTERVAL = Duration.ofMillis(500);
    private static final Duration POLL = Duration.ofMillis(100);
    /**
     * KCL's part of a failover when the leader dies (see {@link KclCdcWorker.Builder}): another
     * worker sees the leader's lock unchanged for its duration (checked every third of it), the
     * lease unrenewed for the lease duration, then the leader's next assignment, the new owner's
     * next look and its first read.
     */
    private static final Duration EXPECTED_KCL_FAILOVER = LEADER_LEASE
            .multipliedBy(4)
            .dividedBy(3)
            .plus(LEASE)
            .plus(ASSIGNMENT_INTERVAL.multipliedBy(3))
            .plus(POLL);
    /** A new JVM loading KCL and its initialization on an existing application, on a loaded 2-core machine. */
    private static final Duration NEW_WORKER_START_UP = Duration.ofSeconds(15);

    private static final Duration BOUND =
            EXPECTED_KCL_FAILOVER.plus(NEW_WORKER_START_UP).multipliedBy(3);
    private static final int ITEMS = 10;
    private static final int VERSIONS_BEFORE_KILL = 20;
    private static final int VERSIONS = 40;

    @RegisterExtension
    static final EngineServerExtension engineServer = new EngineServerExtension();

    /** One handled change: which worker, which item, which version. */
    private record Handled(String worker, String key, int version) {}

    @Test
    @Tag("slow")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aKilledLoneWorkersSuccessorDeliversWithinTheBoundAndNoChangeIsLost() throws Exception {
        createStreamTable(engineServer.client(), "failover_orders");
        writeVersions(engineServer.client(), "failover_orders", ITEMS, 1, VERSIONS_BEFORE_KILL);
        List<Handled> handled = Collections.synchronizedList(new ArrayList<>());
        Process first = startWorker("first", handled);
        Process second = null;
        try {
            awaitTrue(
                    Duration.ofMinutes(2),
                    () -> count(handled, "first") >= ITEMS * VERSIONS_BEFORE_KILL,
                    "the first worker handled the changes written before the kill");
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();
            writeVersions(engineServer.client(), "failover_orders", ITEMS, VERSIONS_BEFORE_KILL + 1, VERSIONS);
            second = startWorker("second", handled);
            awaitTrue(BOUND, () -> count(handled, "second") > 0, "the new worker's first change");
            Duration failover = Duration.ofNanos(System.nanoTime() - killed);
            System.out.printf(
                    "from the kill to the new worker's first change: %d ms (bound %d ms)%n",
                    failover.toMillis(), BOUND.toMillis());
            awaitTrue(BOUND, () -> everyVersionSeen(handled), "every version of every item handled");

            assertThat(failover).isLessThan(BOUND);
            List<Handled> all = List.copyOf(handled);
            for (int item = 0; item < ITEMS; item++) {
                String key = itemKey(item);
                int highest = 0;
                for (Handled h : all) {
                    if (h.key().equals(key)) {
                        assertThat(h.version())
                                .as(
                                        "%s version %d after version %d (a change before an earlier one)",
                                        key, h.version(), highest)
                                .isLessThanOrEqualTo(highest + 1);
                        highest = Math.max(highest, h.version());
                    }
                }
                assertThat(highest).as(key).isEqualTo(VERSIONS);
            }
            assertThat(all)
                    .filteredOn(h -> h.worker().equals("second"))
                    .extracting(Handled::version)
                    .contains(VERSIONS_BEFORE_KILL + 1, VERSIONS);
        } finally {
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
        }
    }

    /** Starts {@link KclWorkerProcess} in a new JVM, its handled changes read into {@code handled}. */
    private static Process startWorker(String name, List<Handled> handled) throws IOException {
        return KclWorkerProcess.launch(
                        engineServer.server(),
                        "failover_orders",
                        "failover-app",
                        name,
                        new KclWorkerProcess.Settings(
                                LEASE, LEADER_LEASE, ASSIGNMENT_INTERVAL, POLL, 1000, Duration.ZERO),
                        delivered -> handled.add(new Handled(name, delivered.key(), delivered.version())))
                .process();
    }

    private static long count(List<Handled> handled, String worker) {
        synchronized (handled) {
            return handled.stream().filter(h -> h.worker().equals(worker)).count();
        }
    }

    private static boolean everyVersionSeen(List<Handled> handled) {
        synchronized (handled) {
            return handled.stream()
                            .map(h -> h.key() + "#" + h.version())
                            .distinct()
                            .count()
                    == (long) ITEMS * VERSIONS;
        }
    }
}
