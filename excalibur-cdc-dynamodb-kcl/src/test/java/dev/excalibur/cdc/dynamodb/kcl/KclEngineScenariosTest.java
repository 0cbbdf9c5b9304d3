package dev.excalibur.cdc.dynamodb.kcl;

import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.awaitTrue;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.createStreamTable;
import static dev.excalibur.cdc.dynamodb.kcl.KclTestTables.writeVersions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.dynamodb.engine.EngineRequest;
import dev.excalibur.dynamodb.engine.FaultRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KCL 3 over the engine's HTTP server in situations DynamoDB Local could not make: a shard split into two children
 * while a worker reads it, and server-side throttling of the stream reads and of KCL's own lease table. On an engine
 * of its own; KCL's timers as short as the worker lets them be (2 s failover, 200 ms polls). What is left is KCL's own:
 * a new application's first worker waits a random 1 to 30 s while the lease table is empty (constants of KCL's
 * {@code Scheduler}), so each test takes some 10 to 45 s.
 */
class KclEngineScenariosTest {

    private static final Duration LEASE = Duration.ofSeconds(2);

    @RegisterExtension
    static final EngineServerExtension engineServer = new EngineServerExtension();

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aWorkerReadsAcrossAShardSplitIntoTwoChildrenDeliveringEveryChangeInItemOrder() throws Exception {
        String table = "kcl_split";
        createStreamTable(engineServer.client(), table);
        writeVersions(engineServer.client(), table, 40, 1, 5);
        List<CdcChange> handled = new CopyOnWriteArrayList<>();
        KclCdcWorker worker = worker("kcl-split-app", table, handled);
        try {
            worker.start();
            awaitTrue(Duration.ofMinutes(1), () -> handled.size() >= 40, "the first changes of the parent");
            String parent = openShards(table).get(0);
            List<String> children = engineServer.engine().splitShard(table, parent, 2);
            writeVersions(engineServer.client(), table, 40, 6, 10);

            awaitTrue(Duration.ofMinutes(2), () -> distinct(handled) >= 400, "all 400 changes");
            assertThat(handled.stream().map(CdcChange::shardId).distinct())
                    .containsExactlyInAnyOrder(parent, children.get(0), children.get(1));
            assertEveryItemInOrder(handled, 40, 10);
        } finally {
            worker.stop();
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aWorkerUnderServerSideThrottlingOfItsStreamReadsAndItsLeaseTableDeliversEveryChangeInItemOrder()
            throws Exception {
        String table = "kcl_throttled";
        String application = "kcl-throttled-app";
        createStreamTable(engineServer.client(), table);
        writeVersions(engineServer.client(), table, 40, 1, 5);
        List<CdcChange> handled = new CopyOnWriteArrayList<>();
        KclCdcWorker worker = worker(application, table, handled);
        // KCL gives up initializing after 20 failed attempts (by design): the throttling starts once it reads
        List<FaultRule> throttling = List.of(
                FaultRule.on("GetRecords").table(table).probability(0.4, 7).limitExceeded(),
                FaultRule.on("DescribeStream").table(table).probability(0.5, 11).limitExceeded(),
                FaultRule.on("GetShardIterator")
                        .table(table)
                        .probability(0.3, 13)
                        .limitExceeded(),
                FaultRule.onAnyOperation()
                        .table(application)
                        .probability(0.25, 17)
                        .throttle());
        try {
            worker.start();
            awaitTrue(Duration.ofMinutes(1), () -> handled.size() >= 40, "the first changes");
            throttling.forEach(engineServer.engine().faults()::add);
            writeVersions(engineServer.client(), table, 40, 6, 10);
            awaitTrue(
                    Duration.ofMinutes(1),
                    () -> distinct(handled) >= 300 && throttled(table) && throttled(application),
                    "more changes, with throttled stream reads and lease table calls");
            throttling.forEach(engineServer.engine().faults()::remove);
            awaitTrue(Duration.ofMinutes(1), () -> distinct(handled) >= 400, "all 400 changes");

            assertEveryItemInOrder(handled, 40, 10);
            assertThat(engineServer.engine().requests())
                    .as("the stream reads were throttled")
                    .anyMatch(
                            r -> "GetRecords".equals(r.operation()) && "LimitExceededException".equals(r.errorCode()));
        } finally {
            throttling.forEach(engineServer.engine().faults()::remove);
            worker.stop();
        }
    }

    private static boolean throttled(String table) {
        return engineServer.engine().requests().stream()
                .filter(r -> r.tables().contains(table))
                .map(EngineRequest::errorCode)
                .anyMatch(code ->
                        "LimitExceededException".equals(code) || "ProvisionedThroughputExceededException".equals(code));
    }

    private static KclCdcWorker worker(String application, String table, List<CdcChange> handled) {
        return KclCdcWorker.builder()
                .applicationName(application)
                .tableName(table)
                .client(engineServer.server().asyncClient())
                .streamsClient(engineServer.server().streamsAsyncClient())
                .workerId(application + "-worker")
                .workerMetrics(false)
                .leaseDuration(LEASE)
                .pollInterval(Duration.ofMillis(200))
                .handler(handled::add)
                .build();
    }

    private static long distinct(List<CdcChange> handled) {
        return handled.stream().map(CdcChange::eventId).distinct().count();
    }

    /** Every version of every item, each item's versions first delivered in order (redeliveries aside). */
    private static void assertEveryItemInOrder(List<CdcChange> handled, int items, int versions) {
        Map<String, List<Integer>> firstDeliveries = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (CdcChange change : handled) {
            if (seen.add(change.eventId())) {
                firstDeliveries
                        .computeIfAbsent(change.keys().get("pk").s(), k -> new ArrayList<>())
                        .add(Integer.parseInt(change.newImage().get("v").n()));
            }
        }
        List<Integer> all = IntStream.rangeClosed(1, versions).boxed().toList();
        assertThat(firstDeliveries)
                .hasSize(items)
                .allSatisfy((item, seenVersions) -> assertThat(seenVersions).isEqualTo(all));
    }

    private static List<String> openShards(String table) {
        String arn = engineServer
                .client()
                .describeTable(b -> b.tableName(table))
                .table()
                .latestStreamArn();
        return engineServer
                .server()
                .streamsClient()
                .describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .map(s -> s.shardId())
                .toList();
    }
}
