package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.kcl.KclCdcWorker;
import dev.excalibur.cdc.dynamodb.processor.CdcProcessor;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.DynamoDbCdcStateStore;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

class ExcaliburCdcAutoConfigurationTest {

    record Order(String id, String status) {}

    private final EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();

    private ApplicationContextRunner runner(String table) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        ExcaliburDynamoDbAutoConfiguration.class,
                        ExcaliburCdcAutoConfiguration.class,
                        ExcaliburDynamoDbHealthAutoConfiguration.class))
                .withBean(DynamoDbAsyncClient.class, db::asyncClient)
                .withBean(DynamoDbStreamsAsyncClient.class, db::streamsAsyncClient)
                .withPropertyValues(
                        "excalibur.dynamodb.table-name=" + table, "excalibur.dynamodb.create-tables-if-missing=true");
    }

    @Test
    void theProcessorStartsWithTheContextCallsTheHandlerBeanAndStopsWithIt() {
        List<CdcChange> changes = new CopyOnWriteArrayList<>();
        AtomicReference<CdcRunnerLifecycle> lifecycle = new AtomicReference<>();
        runner(db.newTableName("cdc_orders"))
                .withBean(CdcHandler.class, () -> changes::add)
                .withPropertyValues(
                        "excalibur.dynamodb.cdc.enabled=true",
                        "excalibur.dynamodb.cdc.state-store=in-memory",
                        "excalibur.dynamodb.cdc.poll-interval=50ms",
                        "excalibur.dynamodb.cdc.processor-name=projections")
                .run(context -> {
                    lifecycle.set(context.getBean(CdcRunnerLifecycle.class));
                    assertThat(lifecycle.get().runner()).isInstanceOf(CdcProcessor.class);
                    assertThat(lifecycle.get().isRunning()).isTrue();
                    assertThat(context.getBean(CdcStateStore.class)).isInstanceOf(InMemoryCdcStateStore.class);
                    createThreeOrdersAndAwaitTheirChanges(
                            context.getBean(DynamoDbPersistenceProvider.class), changes, 30);
                    assertThat(changes)
                            .extracting(c -> c.newDocument(Order.class))
                            .as("documents read through the provider's mapper")
                            .containsExactly(
                                    new Order("o-0", "PLACED"), new Order("o-1", "PLACED"), new Order("o-2", "PLACED"));
                    var health = context.getBean(CdcRunnerHealthIndicator.class).health();
                    assertThat(health.getStatus()).hasToString("UP");
                    assertThat(health.getDetails())
                            .as("the deprecated processor-name still names the runner")
                            .containsEntry("name", "projections")
                            .containsKeys("ownedShards", "lagSeconds", "shardLagSeconds");
                    assertThat(context.getBean(CdcStateStore.class).shards("projections"))
                            .isNotEmpty();
                });
        assertThat(lifecycle.get().isRunning()).as("stopped with the context").isFalse();
        assertThat(lifecycle.get().runner().termination()).isCompleted();
        assertThat(new CdcRunnerHealthIndicator(lifecycle.get().runner())
                        .health()
                        .getStatus())
                .hasToString("OUT_OF_SERVICE");
    }

    @Test
    void theDynamoDbStateStoreUsesThePrefixAndAMissingHandlerFailsTheStart() {
        String table = db.newTableName("cdc_state");
        runner(table)
                .withBean(CdcHandler.class, () -> change -> {})
                .withPropertyValues(
                        "excalibur.dynamodb.table-prefix=Cdc_",
                        "excalibur.dynamodb.cdc.enabled=true",
                        "excalibur.dynamodb.cdc.state-table-name=" + table + "_state")
                .run(context -> {
                    assertThat(context.getBean(CdcStateStore.class))
                            .isInstanceOfSatisfying(
                                    DynamoDbCdcStateStore.class,
                                    store -> assertThat(store.tableName()).isEqualTo("Cdc_" + table + "_state"));
                    assertThat(context.getBean(CdcRunnerLifecycle.class)
                                    .runner()
                                    .name())
                            .isEqualTo("cdc-processor");
                });
        String prefix = db.newTableName("pfx") + "_";
        runner(db.newTableName("cdc_default_state"))
                .withBean(CdcHandler.class, () -> change -> {})
                .withPropertyValues("excalibur.dynamodb.table-prefix=" + prefix, "excalibur.dynamodb.cdc.enabled=true")
                .run(context -> assertThat(context.getBean(CdcStateStore.class))
                        .isInstanceOfSatisfying(
                                DynamoDbCdcStateStore.class,
                                store -> assertThat(store.tableName())
                                        .as("unset, the state store's own default name, prefixed")
                                        .isEqualTo(prefix + DynamoDbCdcStateStore.DEFAULT_TABLE_NAME)));
        runner(db.newTableName("cdc_no_handler"))
                .withPropertyValues("excalibur.dynamodb.cdc.enabled=true")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("exactly one of handler and batchHandler"));
        runner(db.newTableName("cdc_off"))
                .run(context -> assertThat(context).doesNotHaveBean(CdcRunnerLifecycle.class));
    }

    @Test
    void eachHealthIndicatorIsOffWithItsManagementPropertyAndWithoutBootsHealthSupport() {
        ApplicationContextRunner cdc = runner(db.newTableName("cdc_health_switches"))
                .withBean(CdcHandler.class, () -> change -> {})
                .withPropertyValues(
                        "excalibur.dynamodb.cdc.enabled=true", "excalibur.dynamodb.cdc.state-store=in-memory");
        cdc.run(context -> assertThat(context)
                .hasSingleBean(DynamoDbHealthIndicator.class)
                .hasSingleBean(CdcRunnerHealthIndicator.class));
        cdc.withPropertyValues("management.health.dynamodb.enabled=false")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(DynamoDbHealthIndicator.class)
                        .hasSingleBean(CdcRunnerHealthIndicator.class));
        cdc.withPropertyValues("management.health.cdc.enabled=false")
                .run(context -> assertThat(context)
                        .hasSingleBean(DynamoDbHealthIndicator.class)
                        .doesNotHaveBean(CdcRunnerHealthIndicator.class));
        cdc.withPropertyValues("management.health.defaults.enabled=false", "management.health.cdc.enabled=true")
                .run(context -> assertThat(context)
                        .doesNotHaveBean(DynamoDbHealthIndicator.class)
                        .hasSingleBean(CdcRunnerHealthIndicator.class));
        cdc.withClassLoader(new FilteredClassLoader(
                        "org.springframework.boot.actuate.health", "org.springframework.boot.health.contributor"))
                .run(context -> assertThat(context)
                        .hasSingleBean(CdcRunnerLifecycle.class)
                        .doesNotHaveBean(DynamoDbHealthIndicator.class)
                        .doesNotHaveBean(CdcRunnerHealthIndicator.class));
    }

    @Test
    void healthIsDownOnceTheProcessorStoppedOnAFailure() {
        runner(db.newTableName("cdc_failing"))
                .withBean(CdcHandler.class, () -> change -> {
                    throw new IllegalStateException("handler broken");
                })
                .withPropertyValues(
                        "excalibur.dynamodb.cdc.enabled=true",
                        "excalibur.dynamodb.cdc.state-store=in-memory",
                        "excalibur.dynamodb.cdc.poll-interval=50ms",
                        "excalibur.dynamodb.cdc.handler-attempts=1")
                .run(context -> {
                    context.getBean(DynamoDbPersistenceProvider.class)
                            .create(new Order("x", "PLACED"), PartitionKey.of("c"))
                            .join();
                    CdcRunnerLifecycle lifecycle = context.getBean(CdcRunnerLifecycle.class);
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (!lifecycle.runner().termination().isDone() && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    var health = context.getBean(CdcRunnerHealthIndicator.class).health();
                    assertThat(health.getStatus()).hasToString("DOWN");
                    assertThat(String.valueOf(health.getDetails().get("failure")))
                            .contains("handler failed");
                });
    }

    @Test
    @Tag("slow") // a KCL fleet: on the primary Boot line only (the others exclude slow tests)
    void withTheKclRunnerAKclWorkerNamedAfterTheProcessorCallsTheSameHandlerBeanAndStopsWithTheContext() {
        List<CdcChange> changes = new CopyOnWriteArrayList<>();
        AtomicReference<CdcRunnerLifecycle> lifecycle = new AtomicReference<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        runner(db.newTableName("cdc_kcl_orders"))
                .withBean(CdcHandler.class, () -> changes::add)
                .withBean(MeterRegistry.class, () -> meters)
                .withPropertyValues(
                        "excalibur.dynamodb.cdc.enabled=true",
                        "excalibur.dynamodb.cdc.runner=kcl",
                        "excalibur.dynamodb.cdc.name=kcl-projections",
                        "excalibur.dynamodb.cdc.poll-interval=100ms",
                        "excalibur.dynamodb.cdc.lease-duration=5s",
                        "excalibur.dynamodb.cdc.kcl.worker-metrics=false")
                .run(context -> {
                    lifecycle.set(context.getBean(CdcRunnerLifecycle.class));
                    assertThat(lifecycle.get().runner()).isInstanceOf(KclCdcWorker.class);
                    assertThat(lifecycle.get().runner().name()).isEqualTo("kcl-projections");
                    assertThat(context).doesNotHaveBean(CdcStateStore.class);
                    createThreeOrdersAndAwaitTheirChanges(
                            context.getBean(DynamoDbPersistenceProvider.class), changes, 150);
                    assertThat(changes)
                            .extracting(c -> c.newDocument(Order.class))
                            .containsExactly(
                                    new Order("o-0", "PLACED"), new Order("o-1", "PLACED"), new Order("o-2", "PLACED"));
                    var records = meters.get("excalibur.cdc.records")
                            .tag("processor", "kcl-projections")
                            .counter();
                    long counted = System.nanoTime() + 10_000_000_000L;
                    while (records.count() < 3 && System.nanoTime() < counted) {
                        Thread.sleep(20); // a batch is counted once its last change was handled
                    }
                    assertThat(records.count()).isEqualTo(3);
                    var health = context.getBean(CdcRunnerHealthIndicator.class).health();
                    assertThat(health.getStatus()).hasToString("UP");
                    assertThat(health.getDetails()).containsEntry("name", "kcl-projections");
                    assertThat((java.util.Collection<?>) health.getDetails().get("ownedShards"))
                            .as("the KCL worker's shards")
                            .isNotEmpty();
                    assertThat((Map<?, ?>) health.getDetails().get("shardLagSeconds"))
                            .as("the KCL worker's lag per shard")
                            .isNotEmpty();
                    assertThat(db.client().listTables().tableNames()).contains("kcl-projections");
                });
        assertThat(lifecycle.get().isRunning()).as("stopped with the context").isFalse();
        assertThat(lifecycle.get().runner().termination()).isCompleted();
    }

    private static void createThreeOrdersAndAwaitTheirChanges(
            DynamoDbPersistenceProvider provider, List<CdcChange> changes, int seconds) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            provider.create(new Order("o-" + i, "PLACED"), PartitionKey.of("c")).join();
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (changes.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
