package dev.excalibur.cdc.dynamodb.kcl;

import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.awaitTrue;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.createStreamTable;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.itemKey;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.writeVersions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcProcessingException;
import dev.excalibur.cdc.dynamodb.kcl.KclWorkerProcess.Delivered;
import dev.excalibur.data.InvalidOptionsException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * KCL 3 with the DynamoDB Streams adapter against the engine's HTTP server (KCL needs real HTTP
 * endpoints; the engine's ARNs carry a real region, as the adapter requires): a fleet of two workers,
 * a graceful handover, a worker killed without any shutdown, and a handler that keeps failing.
 */
class KclCdcWorkerTest {

    private static final Duration LEASE = Duration.ofSeconds(5);

    @RegisterExtension
    static final EngineServerExtension engineServer = new EngineServerExtension();

    /** One handled change and the worker that handled it. */
    private record Handled(String worker, CdcChange change) {
        String key() {
            return change.keys().get("pk").s();
        }

        int version() {
            return Integer.parseInt(change.newImage().get("v").n());
        }
    }

    @Test
    void buildListsEveryInvalidSettingAtOnce() {
        assertThatThrownBy(() -> KclCdcWorker.builder()
                        .applicationName("x")
                        .streamArn("not-an-arn")
                        .maxBatchSize(1001)
                        .handlerAttempts(0)
                        .leaseDuration(Duration.ZERO)
                        .leaderLeaseDuration(Duration.ofMillis(999))
                        .leaseAssignmentInterval(null)
                        .build())
                .isInstanceOfSatisfying(
                        InvalidOptionsException.class,
                        e -> assertThat(e.problems()).hasSizeGreaterThan(2))
                .hasMessageContaining("invalid KCL CDC worker settings")
                .hasMessageContaining("applicationName must be 3 to 237")
                .hasMessageContaining("streamArn must look like arn:aws:dynamodb")
                .hasMessageContaining("client (DynamoDbAsyncClient) is required")
                .hasMessageContaining("streamsClient is required")
                .hasMessageContaining("exactly one of handler and batchHandler is required")
                .hasMessageContaining("handlerAttempts must be at least 1 but was 0")
                .hasMessageContaining("maxBatchSize must be between 1 and 1000 but was 1001")
                .hasMessageContaining("leaseDuration must be positive but was PT0S")
                .hasMessageContaining("leaderLeaseDuration must be at least PT1S but was PT0.999S")
                .hasMessageContaining("leaseAssignmentInterval must be at least PT0.1S but was null");
    }

    @Test
    @SuppressWarnings("unchecked")
    void startRefusesATableWithoutAStream() {
        engineServer
                .client()
                .createTable(b -> b.tableName("no_stream")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
        KclCdcWorker worker = worker("no-stream-app", "no_stream", "w", null, change -> {});

        assertThatThrownBy(worker::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("table 'no_stream' has no stream enabled");
        assertThat(worker.isRunning()).isFalse();
        assertThat(worker.termination()).isCompletedExceptionally();
        assertThat(engineServer.client().listTables().tableNames()).doesNotContain("no-stream-app");
    }

    @Test
    void startRefusesAMissingTableWithTheServicesError() {
        KclCdcWorker worker = worker("no-table-app", "no_such_table", "w", null, change -> {});

        assertThatThrownBy(worker::start).isInstanceOf(ResourceNotFoundException.class);
        assertThat(worker.isRunning()).isFalse();
        assertThat(worker.termination()).isCompletedExceptionally();
        assertThat(engineServer.client().listTables().tableNames()).doesNotContain("no-table-app");
    }

    @Test
    @Tag("slow")
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void twoWorkersDeliverEveryChangeInItemOrderAndAStoppedWorkerHandsItsLeaseOver() throws Exception {
        VersionedItems orders = streamTableOfVersions("fleet_orders", 100, 50);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<Handled> handled = Collections.synchronizedList(new ArrayList<>());
        KclCdcWorker first = worker("fleet-app", "fleet_orders", "worker-1", meters, change -> {
            handled.add(new Handled("worker-1", change));
            Thread.sleep(1);
        });
        KclCdcWorker second = worker("fleet-app", "fleet_orders", "worker-2", meters, change -> {
            handled.add(new Handled("worker-2", change));
            Thread.sleep(1);
        });
        try {
            first.start();
            second.start();
            awaitTrue(Duration.ofMinutes(3), () -> handled.size() >= 1500, "1,500 changes handled");

            String ownerId = handled.get(0).worker();
            KclCdcWorker owner = ownerId.equals("worker-1") ? first : second;
            KclCdcWorker survivor = owner == first ? second : first;
            owner.stop();
            assertThat(owner.termination()).isCompleted();
            assertThat(owner.isRunning()).isFalse();
            int handledByOwner = handled.size();
            assertThat(handled).allMatch(h -> h.worker().equals(ownerId));

            awaitTrue(Duration.ofMinutes(3), () -> handled.size() >= orders.changes(), "all 5,000 changes handled");
            Thread.sleep(LEASE.toMillis());
            List<Handled> all = List.copyOf(handled);

            assertThat(all).hasSize(orders.changes());
            assertThat(all.stream().map(h -> h.change().eventId()).distinct().count())
                    .isEqualTo(orders.changes());
            assertThat(all.subList(handledByOwner, all.size()))
                    .allMatch(h -> h.worker().equals(survivor.workerId()));
            Map<String, List<Integer>> versionsByItem = all.stream()
                    .collect(Collectors.groupingBy(
                            Handled::key,
                            LinkedHashMap::new,
                            Collectors.mapping(Handled::version, Collectors.toList())));
            assertThat(versionsByItem)
                    .hasSize(orders.items())
                    .allSatisfy((key, seen) -> assertThat(seen).isEqualTo(orders.allVersions()));
            assertThat(leaseOwners("fleet-app")).containsOnly(survivor.workerId());
            assertThat(meters.get("excalibur.cdc.records")
                            .tag("processor", "fleet-app")
                            .counter()
                            .count())
                    .isEqualTo(orders.changes());
            assertThat(meters.get("excalibur.cdc.checkpoints")
                            .tag("processor", "fleet-app")
                            .counter()
                            .count())
                    .isGreaterThanOrEqualTo(5);
            assertThat(meters.get("excalibur.cdc.handler.failures")
                            .tag("processor", "fleet-app")
                            .counter()
                            .count())
                    .isZero();
            assertThat(meters.get("excalibur.cdc.lag")
                            .tag("processor", "fleet-app")
                            .gauge()
                            .value())
                    .isZero();
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aHandlerThatKeepsFailingStopsTheWorkerAndTheNextOneStartsAtTheFailedChange() throws Exception {
        createStreamTable(engineServer.client(), "failing_orders");
        writeVersions(engineServer.client(), "failing_orders", 1, 1, 30);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        SimpleMeterRegistry failingMeters = new SimpleMeterRegistry();
        KclCdcWorker failing = KclCdcWorker.builder()
                .applicationName("failing-app")
                .tableName("failing_orders")
                .client(engineServer.server().asyncClient())
                .streamsClient(engineServer.server().streamsAsyncClient())
                .workerId("failing")
                .workerMetrics(false)
                .leaseDuration(LEASE)
                .pollInterval(Duration.ofMillis(200))
                .handlerAttempts(2)
                .handlerRetryDelay(Duration.ofMillis(10))
                .meterRegistry(failingMeters)
                .handler(change -> {
                    int version = Integer.parseInt(change.newImage().get("v").n());
                    if (version == 11) {
                        throw new IllegalStateException("version 11 cannot be projected");
                    }
                    seen.add(version);
                })
                .build();
        failing.start();
        assertThat(failing.termination())
                .failsWithin(Duration.ofMinutes(2))
                .withThrowableThat()
                .withCauseInstanceOf(CdcProcessingException.class);
        assertThat(failing.termination())
                .failsWithin(Duration.ZERO)
                .withThrowableThat()
                .havingRootCause()
                .withMessage("version 11 cannot be projected");
        assertThatThrownBy(() -> failing.termination().join())
                .hasMessageContaining("the handler failed 2 time(s)")
                .hasMessageContaining("the checkpoint stays before it");
        assertThat(seen).isEqualTo(IntStream.rangeClosed(1, 10).boxed().toList());
        assertThat(failingMeters.get("excalibur.cdc.handler.failures").counter().count())
                .isEqualTo(2);
        assertThat(failingMeters.get("excalibur.cdc.records").counter().count()).isEqualTo(10);

        List<Integer> resumed = Collections.synchronizedList(new ArrayList<>());
        KclCdcWorker next = worker(
                "failing-app",
                "failing_orders",
                "next",
                null,
                change ->
                        resumed.add(Integer.parseInt(change.newImage().get("v").n())));
        try {
            next.start();
            awaitTrue(Duration.ofMinutes(2), () -> resumed.size() >= 20, "the 20 changes from version 11 on");
            assertThat(resumed).isEqualTo(IntStream.rangeClosed(11, 30).boxed().toList());
        } finally {
            next.stop();
        }
    }

    /**
     * A worker that dies without any shutdown (its JVM killed with SIGKILL, so no checkpoint, no
     * lease release, no leader lock release) leaves its shard to the next worker of the application
     * once its lease expires; the next worker starts right after the last checkpoint the dead one
     * wrote: every change is delivered at least once, again only if it came after that checkpoint,
     * and each item's versions in order. KCL 3 assigns leases from its elected leader, and a dead
     * leader's lock (KCL's own 2 minutes, not configurable) must expire first: most of this test's
     * run time.
     */
    @Test
    @Tag("slow")
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void aKilledWorkersShardIsTakenOverFromItsLastCheckpointWithNoChangeLost() throws Exception {
        VersionedItems orders = streamTableOfVersions("crash_orders", 60, 50);
        List<Delivered> byKilled = Collections.synchronizedList(new ArrayList<>());
        KclWorkerProcess.Launched killed = KclWorkerProcess.launch(
                engineServer.server(),
                "crash_orders",
                "crash-app",
                "killed",
                new KclWorkerProcess.Settings(
                        LEASE,
                        Duration.ofSeconds(2),
                        Duration.ofMillis(500),
                        Duration.ofMillis(200),
                        100,
                        Duration.ofMillis(5)),
                byKilled::add);
        KclCdcWorker survivor = null;
        try {
            // Batches of 100 at 5 ms a change: past 550 the worker is most likely in the middle of a batch.
            awaitTrue(
                    Duration.ofMinutes(3),
                    () -> byKilled.size() >= 550 || !killed.process().isAlive(),
                    "550 changes handled by the worker to be killed");
            assertThat(killed.process().isAlive())
                    .as("the worker process runs (its log: %s)", killed.log())
                    .isTrue();
            killed.process().destroyForcibly();
            assertThat(killed.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(killed.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
            killed.output().join(TimeUnit.SECONDS.toMillis(30));
            List<Delivered> beforeKill = List.copyOf(byKilled);
            assertThat(beforeKill).hasSizeLessThan(orders.changes());
            Map<String, String> checkpoints = checkpoints("crash-app");
            assertThat(leaseOwners("crash-app")).containsOnly("killed");
            assertThat(checkpoints)
                    .isNotEmpty()
                    .allSatisfy((shard, checkpoint) -> assertThat(beforeKill)
                            .as("the checkpoint of %s is a change the killed worker handled", shard)
                            .anyMatch(d -> d.shardId().equals(shard)
                                    && d.sequenceNumber().equals(checkpoint)));

            List<Delivered> bySurvivor = Collections.synchronizedList(new ArrayList<>());
            survivor = worker(
                    "crash-app", "crash_orders", "survivor", null, change -> bySurvivor.add(Delivered.of(change)), 100);
            long takeOverStart = System.nanoTime();
            survivor.start();
            Map<String, String> lastOfShard = lastSequenceNumbers("crash_orders");
            awaitTrue(
                    Duration.ofMinutes(5),
                    () -> List.copyOf(bySurvivor).stream()
                                    .filter(d -> d.sequenceNumber().equals(lastOfShard.get(d.shardId())))
                                    .count()
                            == lastOfShard.size(),
                    "the survivor handled the last change of every shard");
            Duration takeOver = Duration.ofNanos(System.nanoTime() - takeOverStart);
            List<Delivered> afterKill = List.copyOf(bySurvivor);

            // Nothing at or before a checkpoint of the killed worker is delivered again ...
            assertThat(afterKill)
                    .allSatisfy(d -> assertThat(after(d, checkpoints))
                            .as("%s is after the checkpoint", d)
                            .isTrue());
            // ... and everything after it is, once: what the killed worker handled after its last checkpoint too.
            List<Delivered> uncheckpointed =
                    beforeKill.stream().filter(d -> after(d, checkpoints)).toList();
            assertThat(afterKill.stream()
                            .map(Delivered::sequenceNumber)
                            .distinct()
                            .count())
                    .isEqualTo(afterKill.size());
            assertThat(afterKill).containsAll(uncheckpointed);
            assertThat(beforeKill.size() - uncheckpointed.size() + afterKill.size())
                    .isEqualTo(orders.changes());
            // Per item, in order: the killed worker's versions 1..k, the survivor's from right after the checkpoint on.
            List<Integer> all = orders.allVersions();
            Map<String, List<Integer>> killedVersions = versionsByItem(
                    beforeKill.stream().filter(d -> !after(d, checkpoints)).toList());
            Map<String, List<Integer>> survivorVersions = versionsByItem(afterKill);
            for (int item = 0; item < orders.items(); item++) {
                String key = itemKey(item);
                List<Integer> joined = new ArrayList<>(killedVersions.getOrDefault(key, List.of()));
                joined.addAll(survivorVersions.getOrDefault(key, List.of()));
                assertThat(joined).as(key).isEqualTo(all);
                List<Integer> killedAll = versionsByItem(beforeKill).getOrDefault(key, List.of());
                assertThat(killedAll).as("%s before the kill", key).isEqualTo(all.subList(0, killedAll.size()));
            }
            assertThat(leaseOwners("crash-app")).containsOnly("survivor");
            System.out.printf(
                    "crash test: %d changes handled before the kill, %d of them after the last checkpoint"
                            + " (delivered again); the survivor handled the rest within %d s of its start%n",
                    beforeKill.size(), uncheckpointed.size(), takeOver.toSeconds());
        } finally {
            killed.process().destroyForcibly();
            if (survivor != null) {
                survivor.stop();
            }
        }
    }

    /** A stream table's items, each written in versions 1 to {@code versions}. */
    private record VersionedItems(int items, int versions) {
        int changes() {
            return items * versions;
        }

        List<Integer> allVersions() {
            return IntStream.rangeClosed(1, versions).boxed().toList();
        }
    }

    /** Creates a stream table and writes versions 1 to {@code versions} of each of its {@code items} items. */
    private static VersionedItems streamTableOfVersions(String table, int items, int versions) {
        createStreamTable(engineServer.client(), table);
        writeVersions(engineServer.client(), table, items, 1, versions);
        return new VersionedItems(items, versions);
    }

    /** True if the change comes after its shard's checkpoint (or its shard has none). */
    private static boolean after(Delivered delivered, Map<String, String> checkpoints) {
        String checkpoint = checkpoints.get(delivered.shardId());
        return checkpoint == null
                || !checkpoint.chars().allMatch(Character::isDigit)
                || new BigInteger(delivered.sequenceNumber()).compareTo(new BigInteger(checkpoint)) > 0;
    }

    private static Map<String, List<Integer>> versionsByItem(List<Delivered> delivered) {
        return delivered.stream()
                .collect(Collectors.groupingBy(
                        Delivered::key,
                        LinkedHashMap::new,
                        Collectors.mapping(Delivered::version, Collectors.toList())));
    }

    /** The sequence number of each shard's last record, read with GetRecords from its oldest record. */
    private static Map<String, String> lastSequenceNumbers(String table) {
        String arn = engineServer
                .client()
                .describeTable(b -> b.tableName(table))
                .table()
                .latestStreamArn();
        Map<String, String> last = new LinkedHashMap<>();
        DynamoDbStreamsClient streams = engineServer.server().streamsClient(); // the server's: not closed here
        {
            for (Shard shard : streams.describeStream(b -> b.streamArn(arn))
                    .streamDescription()
                    .shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(arn)
                                .shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current));
                    if (page.records().isEmpty()) {
                        break;
                    }
                    last.put(
                            shard.shardId(),
                            page.records()
                                    .get(page.records().size() - 1)
                                    .dynamodb()
                                    .sequenceNumber());
                    iterator = page.nextShardIterator();
                }
            }
        }
        return last;
    }

    /** Each shard's checkpoint in KCL's lease table (a sequence number, or TRIM_HORIZON and the like). */
    private static Map<String, String> checkpoints(String application) {
        return engineServer.client().scan(b -> b.tableName(application).consistentRead(true)).items().stream()
                .collect(Collectors.toMap(
                        lease -> lease.get("leaseKey").s(),
                        lease -> lease.get("checkpoint").s()));
    }

    private static KclCdcWorker worker(
            String application,
            String table,
            String workerId,
            SimpleMeterRegistry meters,
            dev.excalibur.cdc.dynamodb.CdcHandler handler) {
        return worker(application, table, workerId, meters, handler, 1000);
    }

    private static KclCdcWorker worker(
            String application,
            String table,
            String workerId,
            SimpleMeterRegistry meters,
            dev.excalibur.cdc.dynamodb.CdcHandler handler,
            int batchSize) {
        return KclCdcWorker.builder()
                .maxBatchSize(batchSize)
                .applicationName(application)
                .tableName(table)
                .client(engineServer.server().asyncClient())
                .streamsClient(engineServer.server().streamsAsyncClient())
                .workerId(workerId)
                .workerMetrics(false)
                .leaseDuration(LEASE)
                .pollInterval(Duration.ofMillis(200))
                .meterRegistry(meters)
                .handler(handler)
                .build();
    }

    /** The owners of the application's shard leases in KCL's lease table. */
    private static List<String> leaseOwners(String application) {
        return engineServer.client().scan(b -> b.tableName(application).consistentRead(true)).items().stream()
                .map(lease -> lease.containsKey("leaseOwner")
                        ? lease.get("leaseOwner").s()
                        : "nobody")
                .toList();
    }
}
