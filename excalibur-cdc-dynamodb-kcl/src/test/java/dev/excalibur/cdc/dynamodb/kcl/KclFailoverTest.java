package dev.excalibur.cdc.dynamodb.kcl;

import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.awaitTrue;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.createStreamTable;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.itemKey;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.writeVersions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A lone KCL worker, in a JVM of its own, is killed ({@code destroyForcibly}, no shutdown of any
 * kind): it held the shard's lease and, being alone, was the fleet's leader. A new worker (a new
 * JVM, a new worker id) must take over within a bound derived from the settings, and between them
 * every change is handled at least once, never before an earlier change of the same item. And the
 * builder's checks of the failover settings.
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

    private static DynamoDbEngine engine;
    private static DynamoDbEngineServer server;
    private static DynamoDbClient client;

    /** One handled change: which worker, which item, which version. */
    private record Handled(String worker, String key, int version) {}

    @BeforeAll
    static void startEngineServer() {
        engine = DynamoDbEngine.create();
        server = DynamoDbEngineServer.create(engine, 0).start();
        client = server.client();
    }

    @AfterAll
    static void stopEngineServer() {
        server.close();
        engine.close();
    }

    @Test
    void buildListsEveryInvalidFailoverSettingWithTheOthers() {
        assertThatThrownBy(() -> KclCdcWorker.builder()
                        .applicationName("x")
                        .leaderLeaseDuration(Duration.ofMillis(999))
                        .leaseAssignmentInterval(null)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidOptionsException.class,
                        e -> assertThat(e.problems()).hasSizeGreaterThan(2))
                .hasMessageContaining("invalid KCL CDC worker settings")
                .hasMessageContaining("applicationName must be 3 to 237")
                .hasMessageContaining("leaderLeaseDuration must be at least PT1S but was PT0.999S")
                .hasMessageContaining("leaseAssignmentInterval must be at least PT0.1S but was null");
    }

    @Test
    @Tag("slow")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aKilledLoneWorkersSuccessorDeliversWithinTheBoundAndNoChangeIsLost() throws Exception {
        createStreamTable(client, "failover_orders");
        writeVersions(client, "failover_orders", ITEMS, 1, VERSIONS_BEFORE_KILL);
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
            writeVersions(client, "failover_orders", ITEMS, VERSIONS_BEFORE_KILL + 1, VERSIONS);
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

    /** Starts {@link KclWorkerProcess} in a new JVM, its handled changes read into {@code handled}, its log in target/. */
    private static Process startWorker(String name, List<Handled> handled) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                KclWorkerProcess.class.getName(),
                server.endpoint().toString(),
                engine.region().id(),
                "failover_orders",
                "failover-app",
                name,
                Long.toString(LEASE.toMillis()),
                Long.toString(LEADER_LEASE.toMillis()),
                Long.toString(ASSIGNMENT_INTERVAL.toMillis()),
                Long.toString(POLL.toMillis()),
                "1000",
                "0");
        Process process = new ProcessBuilder(command)
                .redirectError(new File("target", "kcl-failover-" + name + ".log"))
                .start();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            String[] parts = line.split(" ");
                            if (parts.length == 5 && parts[0].equals("HANDLED")) {
                                handled.add(new Handled(name, parts[3], Integer.parseInt(parts[4])));
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                "kcl-worker-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        return process;
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
