package dev.excalibur.cdc.dynamodb.kcl;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcProcessingException;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KCL 3 with the DynamoDB Streams adapter against the engine's HTTP server (KCL needs real
 * HTTP endpoints; the engine's ARNs carry a real region, as the adapter requires): a fleet of two workers, a graceful handover, and a handler that keeps failing.
 */
class KclCdcWorkerTest {

    private static final Duration LEASE = Duration.ofSeconds(5);

    private static DynamoDbEngine engine;
    private static DynamoDbEngineServer server;
    private static DynamoDbClient client;
    private static DynamoDbAsyncClient asyncClient;
    private static DynamoDbStreamsAsyncClient streamsClient;

    /** One handled change and the worker that handled it. */
    private record Handled(String worker, CdcChange change) {
        String key() {
            return change.keys().get("pk").s();
        }

        int version() {
            return Integer.parseInt(change.newImage().get("v").n());
        }
    }

    @BeforeAll
    static void startEngineServer() {
        engine = DynamoDbEngine.create();
        server = DynamoDbEngineServer.create(engine, 0).start();
        client = server.client();
        asyncClient = server.asyncClient();
        streamsClient = server.streamsAsyncClient();
    }

    @AfterAll
    static void stopEngineServer() {
        server.close();
        engine.close();
    }

    @Test
    void buildListsEveryInvalidSettingAtOnce() {
        assertThatThrownBy(() -> KclCdcWorker.builder().applicationName("x").streamArn("not-an-arn")
                .maxBatchSize(1001).handlerAttempts(0).leaseDuration(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("applicationName must be 3 to 237")
                .hasMessageContaining("streamArn must look like arn:aws:dynamodb")
                .hasMessageContaining("client (DynamoDbAsyncClient) is required")
                .hasMessageContaining("streamsClient is required")
                .hasMessageContaining("exactly one of handler and batchHandler is required")
                .hasMessageContaining("handlerAttempts must be at least 1 but was 0")
                .hasMessageContaining("maxBatchSize must be between 1 and 1000 but was 1001")
                .hasMessageContaining("leaseDuration must be positive but was PT0S");
    }

    @Test
    void startRefusesATableWithoutAStream() {
        client.createTable(b -> b.tableName("no_stream").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
        KclCdcWorker worker = worker("no-stream-app", "no_stream", "w", null, change -> { });

        assertThatThrownBy(worker::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("table 'no_stream' has no stream; enable one (NEW_AND_OLD_IMAGES, say)");
        assertThat(worker.isRunning()).isFalse();
        assertThat(worker.termination()).isCompletedExceptionally();
        assertThat(client.listTables().tableNames()).doesNotContain("no-stream-app");
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void twoWorkersDeliverEveryChangeInItemOrderAndAStoppedWorkerHandsItsLeaseOver() throws Exception {
        int items = 100;
        int versions = 50;
        createStreamTable("fleet_orders");
        writeVersions("fleet_orders", items, versions);
        List<Handled> handled = Collections.synchronizedList(new ArrayList<>());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
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

            awaitTrue(Duration.ofMinutes(3), () -> handled.size() >= items * versions, "all 5,000 changes handled");
            Thread.sleep(LEASE.toMillis());
            List<Handled> all = List.copyOf(handled);

            assertThat(all).hasSize(items * versions);
            assertThat(all.stream().map(h -> h.change().eventId()).distinct().count()).isEqualTo(items * versions);
            assertThat(all.subList(handledByOwner, all.size())).allMatch(h -> h.worker().equals(survivor.workerId()));
            Map<String, List<Integer>> versionsByItem = all.stream().collect(Collectors.groupingBy(Handled::key,
                    LinkedHashMap::new, Collectors.mapping(Handled::version, Collectors.toList())));
            List<Integer> oneToFifty = IntStream.rangeClosed(1, versions).boxed().toList();
            assertThat(versionsByItem).hasSize(items).allSatisfy((key, seen) -> assertThat(seen).isEqualTo(oneToFifty));
            assertThat(leaseOwners("fleet-app")).containsOnly(survivor.workerId());
            assertThat(meters.get("excalibur.cdc.records").tag("processor", "fleet-app").counter().count())
                    .isEqualTo(items * versions);
            assertThat(meters.get("excalibur.cdc.checkpoints").tag("processor", "fleet-app").counter().count())
                    .isGreaterThanOrEqualTo(5);
            assertThat(meters.get("excalibur.cdc.handler.failures").tag("processor", "fleet-app").counter().count()).isZero();
            assertThat(meters.get("excalibur.cdc.lag").tag("processor", "fleet-app").gauge().value()).isZero();
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aHandlerThatKeepsFailingStopsTheWorkerAndTheNextOneStartsAtTheFailedChange() throws Exception {
        createStreamTable("failing_orders");
        writeVersions("failing_orders", 1, 30);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        SimpleMeterRegistry failingMeters = new SimpleMeterRegistry();
        KclCdcWorker failing = KclCdcWorker.builder().applicationName("failing-app").tableName("failing_orders")
                .client(asyncClient).streamsClient(streamsClient).workerId("failing").workerMetrics(false)
                .leaseDuration(LEASE).pollInterval(Duration.ofMillis(200))
                .handlerAttempts(2).handlerRetryDelay(Duration.ofMillis(10)).meterRegistry(failingMeters)
                .handler(change -> {
                    int version = Integer.parseInt(change.newImage().get("v").n());
                    if (version == 11) {
                        throw new IllegalStateException("version 11 cannot be projected");
                    }
                    seen.add(version);
                })
                .build();
        failing.start();
        assertThat(failing.termination()).failsWithin(Duration.ofMinutes(2))
                .withThrowableThat().withCauseInstanceOf(CdcProcessingException.class);
        assertThat(failing.termination()).failsWithin(Duration.ZERO)
                .withThrowableThat().havingRootCause().withMessage("version 11 cannot be projected");
        assertThatThrownBy(() -> failing.termination().join()).hasMessageContaining("the handler failed 2 time(s)")
                .hasMessageContaining("the checkpoint stays before it");
        assertThat(seen).isEqualTo(IntStream.rangeClosed(1, 10).boxed().toList());
        assertThat(failingMeters.get("excalibur.cdc.handler.failures").counter().count()).isEqualTo(2);
        assertThat(failingMeters.get("excalibur.cdc.records").counter().count()).isEqualTo(10);

        List<Integer> resumed = Collections.synchronizedList(new ArrayList<>());
        KclCdcWorker next = worker("failing-app", "failing_orders", "next", null,
                change -> resumed.add(Integer.parseInt(change.newImage().get("v").n())));
        try {
            next.start();
            awaitTrue(Duration.ofMinutes(2), () -> resumed.size() >= 20, "the 20 changes from version 11 on");
            assertThat(resumed).isEqualTo(IntStream.rangeClosed(11, 30).boxed().toList());
        } finally {
            next.stop();
        }
    }

    private static KclCdcWorker worker(String application, String table, String workerId, SimpleMeterRegistry meters,
                                       dev.excalibur.cdc.dynamodb.CdcHandler handler) {
        return KclCdcWorker.builder().applicationName(application).tableName(table).client(asyncClient)
                .streamsClient(streamsClient).workerId(workerId).workerMetrics(false).leaseDuration(LEASE)
                .pollInterval(Duration.ofMillis(200)).meterRegistry(meters).handler(handler).build();
    }

    private static void createStreamTable(String table) {
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }

    /** Puts versions 1..n of each item, version by version, 25 items per batch: items x versions stream records. */
    private static void writeVersions(String table, int items, int versions) {
        for (int version = 1; version <= versions; version++) {
            for (int from = 0; from < items; from += 25) {
                List<WriteRequest> writes = new ArrayList<>();
                for (int item = from; item < Math.min(items, from + 25); item++) {
                    Map<String, AttributeValue> value = Map.of("pk", AttributeValue.fromS(String.format("item-%03d", item)),
                            "v", AttributeValue.fromN(Integer.toString(version)));
                    writes.add(WriteRequest.builder().putRequest(p -> p.item(value)).build());
                }
                assertThat(client.batchWriteItem(b -> b.requestItems(Map.of(table, writes))).unprocessedItems()).isEmpty();
            }
        }
    }

    /** The owners of the application's shard leases in KCL's lease table. */
    private static List<String> leaseOwners(String application) {
        return client.scan(b -> b.tableName(application).consistentRead(true)).items().stream()
                .map(lease -> lease.containsKey("leaseOwner") ? lease.get("leaseOwner").s() : "nobody").toList();
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
