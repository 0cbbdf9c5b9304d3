package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * Settings the application leaves unset keep each runner's own defaults (100 records and a 30 s lease
 * in process, 1000 records and a 10 s lease under KCL); a property that is set wins for both.
 * Each test reads a stream holding {@value #ITEMS} changes from its start, so the first read of the
 * shard is as large as the runner's batch size allows.
 */
class CdcRunnerDefaultsTest {

    private static final int ITEMS = 150;
    private static final EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
    private static String streamTable;

    @BeforeAll
    static void writeAStreamOfChanges() {
        streamTable = db.createStreamTable("cdc_defaults");
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            String key = "item-" + i;
            batch.add(WriteRequest.builder()
                    .putRequest(p -> p.item(Map.of("pk", AttributeValue.fromS(key))))
                    .build());
            if (batch.size() == 25) {
                List<WriteRequest> requests = List.copyOf(batch);
                db.client().batchWriteItem(b -> b.requestItems(Map.of(streamTable, requests)));
                batch.clear();
            }
        }
    }

    /** The batches a runner handed over, by size; the runner reads {@link #streamTable}. */
    private static ApplicationContextRunner runner(List<Integer> batches, String... properties) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ExcaliburDynamoDbAutoConfiguration.class, ExcaliburCdcAutoConfiguration.class))
                .withBean(DynamoDbAsyncClient.class, db::asyncClient)
                .withBean(DynamoDbStreamsAsyncClient.class, db::streamsAsyncClient)
                .withBean(CdcBatchHandler.class, () -> changes -> batches.add(changes.size()))
                .withPropertyValues(
                        "excalibur.dynamodb.table-name=" + db.newTableName("cdc_defaults_docs"),
                        "excalibur.dynamodb.create-tables-if-missing=true",
                        "excalibur.dynamodb.cdc.enabled=true",
                        "excalibur.dynamodb.cdc.table-name=" + streamTable,
                        "excalibur.dynamodb.cdc.poll-interval=100ms")
                .withPropertyValues(properties);
    }

    @Test
    void theInProcessProcessorKeepsItsOwn100RecordsAnd30SecondLease() {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        runner(
                        batches,
                        "excalibur.dynamodb.cdc.state-store=in-memory",
                        "excalibur.dynamodb.cdc.name=defaults-in-process")
                .run(context -> {
                    awaitAll(batches, 30);
                    assertThat(batches.get(0))
                            .as("the first read, of a full shard")
                            .isEqualTo(100);
                    assertThat(leaseLeft(context, "defaults-in-process"))
                            .as("renewed every third of 30 s")
                            .isBetween(Duration.ofSeconds(19), Duration.ofSeconds(30));
                });
    }

    @Test
    void theInProcessProcessorTakesTheBatchSizeAndLeaseDurationThatAreSet() {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        runner(
                        batches,
                        "excalibur.dynamodb.cdc.state-store=in-memory",
                        "excalibur.dynamodb.cdc.name=explicit-in-process",
                        "excalibur.dynamodb.cdc.max-batch-size=20",
                        "excalibur.dynamodb.cdc.lease-duration=12s")
                .run(context -> {
                    awaitAll(batches, 30);
                    assertThat(batches.get(0)).isEqualTo(20);
                    assertThat(batches).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(20));
                    assertThat(leaseLeft(context, "explicit-in-process"))
                            .as("renewed every third of 12 s")
                            .isBetween(Duration.ofSeconds(7), Duration.ofSeconds(12));
                });
    }

    @Test
    @Tag("slow")
    void aKclWorkerKeepsItsOwn1000RecordsAnd10SecondLease() {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        runner(
                        batches,
                        "excalibur.dynamodb.cdc.runner=kcl",
                        "excalibur.dynamodb.cdc.name=defaults-kcl",
                        "excalibur.dynamodb.cdc.kcl.worker-metrics=false")
                .run(context -> {
                    awaitAll(batches, 120);
                    assertThat(batches.get(0))
                            .as("the first read, of a full shard")
                            .isGreaterThan(100);
                    assertThat(leaseRenewalsIn10Seconds("defaults-kcl"))
                            .as("renewed every third of 10 s (30 s: at most 1)")
                            .isBetween(2L, 5L);
                });
    }

    @Test
    @Tag("slow")
    void aKclWorkerTakesTheBatchSizeAndLeaseDurationThatAreSet() {
        List<Integer> batches = new CopyOnWriteArrayList<>();
        runner(
                        batches,
                        "excalibur.dynamodb.cdc.runner=kcl",
                        "excalibur.dynamodb.cdc.name=explicit-kcl",
                        "excalibur.dynamodb.cdc.kcl.worker-metrics=false",
                        "excalibur.dynamodb.cdc.max-batch-size=20",
                        "excalibur.dynamodb.cdc.lease-duration=3s")
                .run(context -> {
                    awaitAll(batches, 120);
                    assertThat(batches).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(20));
                    assertThat(leaseRenewalsIn10Seconds("explicit-kcl"))
                            .as("renewed every second")
                            .isGreaterThanOrEqualTo(6L);
                });
    }

    @Test
    void aKclWorkerNeedsANameAndAKnownMetricsLevelWithItsClient() {
        runner(new CopyOnWriteArrayList<>(), "excalibur.dynamodb.cdc.runner=kcl")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidOptionsException.class)
                        .hasMessageContaining("excalibur.dynamodb.cdc.name is required"));
        runner(
                        new CopyOnWriteArrayList<>(),
                        "excalibur.dynamodb.cdc.runner=kcl",
                        "excalibur.dynamodb.cdc.name=metrics-kcl",
                        "excalibur.dynamodb.cdc.kcl.metrics-level=loud")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("metrics-level must be NONE, SUMMARY or DETAILED but was 'loud'"));
        runner(
                        new CopyOnWriteArrayList<>(),
                        "excalibur.dynamodb.cdc.runner=kcl",
                        "excalibur.dynamodb.cdc.name=metrics-kcl",
                        "excalibur.dynamodb.cdc.kcl.metrics-level=summary",
                        "excalibur.dynamodb.cdc.kcl.leader-lease-duration=500ms")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .isInstanceOf(InvalidOptionsException.class)
                        .hasMessageContaining("cloudWatchClient is required with metricsLevel SUMMARY")
                        .hasMessageContaining("leaderLeaseDuration must be at least PT1S but was PT0.5S"));
    }

    private static void awaitAll(List<Integer> batches, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (batches.stream().mapToInt(Integer::intValue).sum() < ITEMS && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(batches.stream().mapToInt(Integer::intValue).sum())
                .as("changes handled")
                .isEqualTo(ITEMS);
    }

    /** How long the in-process runner's lease on the stream's shard has left now. */
    private static Duration leaseLeft(AssertableApplicationContext context, String name) {
        var shards = context.getBean(CdcStateStore.class).shards(name);
        assertThat(shards).hasSize(1);
        return Duration.between(Instant.now(), shards.get(0).leaseExpiresAt());
    }

    /** How often the KCL worker renewed its leases (each renewal raises a lease's counter) in 10 s. */
    private static long leaseRenewalsIn10Seconds(String application) throws InterruptedException {
        long before = leaseCounters(application);
        Thread.sleep(10_000);
        return leaseCounters(application) - before;
    }

    private static long leaseCounters(String leaseTable) {
        return db.client().scan(s -> s.tableName(leaseTable).consistentRead(true)).items().stream()
                .filter(lease -> lease.containsKey("leaseOwner"))
                .mapToLong(lease -> Long.parseLong(lease.get("leaseCounter").n()))
                .sum();
    }
}
