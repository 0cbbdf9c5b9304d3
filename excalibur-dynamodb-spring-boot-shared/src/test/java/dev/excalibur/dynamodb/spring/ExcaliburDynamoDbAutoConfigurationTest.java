package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbOptions;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.dynamodb.grants.DynamoDbGrantStore;
import dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.Configurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

class ExcaliburDynamoDbAutoConfigurationTest {

    record Order(String id, String status) {}

    private final EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ExcaliburDynamoDbAutoConfiguration.class,
                    ExcaliburDynamoDbStoresAutoConfiguration.class,
                    ExcaliburDynamoDbHealthAutoConfiguration.class));

    private ApplicationContextRunner onTheEmbeddedEngine(String table) {
        return runner.withBean(DynamoDbAsyncClient.class, db::asyncClient)
                .withBean(DynamoDbStreamsAsyncClient.class, db::streamsAsyncClient)
                .withPropertyValues(
                        "excalibur.dynamodb.table-name=" + table,
                        "excalibur.dynamodb.table-prefix=Spring_",
                        "excalibur.dynamodb.create-tables-if-missing=true");
    }

    @Test
    void theProviderIsBuiltFromPropertiesOnTheApplicationsClientWhichItNeverCloses() {
        String table = db.newTableName("orders");
        // The application's own client, the very bean under test, on the engine over HTTP: unlike the test
        // kit's in-process clients, an SDK client with its own HTTP client refuses every call once closed.
        try (DynamoDbEngine engine = DynamoDbEngine.create();
                DynamoDbEngineServer server =
                        DynamoDbEngineServer.create(engine, 0).start();
                DynamoDbAsyncClient applications =
                        server.configure(DynamoDbAsyncClient.builder()).build();
                DynamoDbStreamsAsyncClient streams =
                        server.configure(DynamoDbStreamsAsyncClient.builder()).build()) {
            // Spring itself closes an AutoCloseable bean at context close (inferred destroy method); an
            // application keeps its client open with @Bean(destroyMethod = ""), and so does this bean.
            runner.withBean(DynamoDbAsyncClient.class, () -> applications, bean -> bean.setDestroyMethodName(""))
                    .withBean(DynamoDbStreamsAsyncClient.class, () -> streams)
                    .withPropertyValues(
                            "excalibur.dynamodb.table-name=" + table,
                            "excalibur.dynamodb.table-prefix=Spring_",
                            "excalibur.dynamodb.create-tables-if-missing=true",
                            "excalibur.dynamodb.sort-key-attribute=id_key")
                    .run(context -> {
                        assertThat(context.getBean(DynamoDbAsyncClient.class)).isSameAs(applications);
                        DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
                        assertThat(provider.options().qualifiedTableName()).isEqualTo("Spring_" + table);
                        assertThat(provider.options().sortKeyAttribute()).isEqualTo("id_key");
                        PartitionKey customer = PartitionKey.of("customer-1");
                        assertThat(provider.create(new Order("o-1", "PLACED"), customer)
                                        .join()
                                        .success())
                                .isTrue();
                        assertThat(provider.getById("o-1", customer, null, Order.class)
                                        .join()
                                        .document())
                                .isEqualTo(new Order("o-1", "PLACED"));
                    });
            assertThat(applications
                            .describeTable(b -> b.tableName("Spring_" + table))
                            .join()
                            .table()
                            .itemCount())
                    .as("the application's own client bean still works after the context (and the provider) closed")
                    .isEqualTo(1L);
        }
    }

    @Test
    void theApplicationsOwnProviderWinsAndCustomizersApply() {
        String table = db.newTableName("own");
        DynamoDbPersistenceProvider own = DynamoDbPersistenceProvider.builder()
                .client(db.asyncClient())
                .options(o -> o.tableName(table).createTablesIfMissing(true))
                .build();
        runner.withBean(DynamoDbPersistenceProvider.class, () -> own)
                .run(context -> assertThat(context)
                        .getBean(DynamoDbPersistenceProvider.class)
                        .isSameAs(own));
        own.close();

        onTheEmbeddedEngine(db.newTableName("custom"))
                .withBean(
                        DynamoDbProviderCustomizer.class,
                        () -> builder -> builder.options(o -> o.etagAttribute("_version")))
                .run(context -> assertThat(context.getBean(DynamoDbPersistenceProvider.class)
                                .options()
                                .etagAttribute())
                        .isEqualTo("_version"));
    }

    @Test
    void unsetPropertiesKeepTheLibrarysDefaults() {
        String table = db.newTableName("defaults");
        DynamoDbOptions library =
                DynamoDbOptions.builder().tableName(table).region("us-east-1").build();
        runner.withBean(DynamoDbAsyncClient.class, db::asyncClient)
                .withPropertyValues(
                        "excalibur.dynamodb.table-name=" + table,
                        "excalibur.dynamodb.snapshots.enabled=true",
                        "excalibur.dynamodb.authorization.enabled=true")
                .run(context -> {
                    DynamoDbOptions options =
                            context.getBean(DynamoDbPersistenceProvider.class).options();
                    assertThat(options.name()).isEqualTo(library.name());
                    assertThat(options.tablePrefix()).isEqualTo(library.tablePrefix());
                    assertThat(options.partitionKeyAttribute()).isEqualTo(library.partitionKeyAttribute());
                    assertThat(options.sortKeyAttribute()).isEqualTo(library.sortKeyAttribute());
                    assertThat(options.useConsistentReads()).isEqualTo(library.useConsistentReads());
                    assertThat(options.requestTimeout()).isEqualTo(library.requestTimeout());
                    assertThat(options.maxRetryAttempts()).isEqualTo(library.maxRetryAttempts());
                    assertThat(options.createTablesIfMissing()).isEqualTo(library.createTablesIfMissing());
                    assertThat(context.getBean(DynamoDbSnapshotStore.class).tableName())
                            .isEqualTo(DynamoDbSnapshotStore.DEFAULT_TABLE_NAME);
                    assertThat(context.getBean(DynamoDbGrantStore.class).tableName())
                            .isEqualTo(DynamoDbGrantStore.DEFAULT_TABLE_NAME);
                });
    }

    @Test
    void invalidPropertiesFailTheStartWithOneMessageListingEveryProblem() {
        runner.withPropertyValues(
                        "excalibur.dynamodb.max-retry-attempts=-1", "excalibur.dynamodb.partition-key-attribute= ")
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    while (failure.getCause() != null && !(failure instanceof InvalidOptionsException)) {
                        failure = failure.getCause();
                    }
                    assertThat(failure)
                            .isInstanceOf(InvalidOptionsException.class)
                            .hasMessageContaining("Region or ServiceUrl is required")
                            .hasMessageContaining("maxRetryAttempts")
                            .hasMessageContaining("partitionKeyAttribute");
                });
    }

    @Test
    void storesAreRegisteredWhenEnabledWithThePrefixApplied() {
        String table = db.newTableName("stores");
        onTheEmbeddedEngine(table).run(context -> {
            assertThat(context).doesNotHaveBean(DynamoDbSnapshotStore.class).doesNotHaveBean(DynamoDbGrantStore.class);
        });
        onTheEmbeddedEngine(table)
                .withPropertyValues(
                        "excalibur.dynamodb.snapshots.enabled=true",
                        "excalibur.dynamodb.snapshots.table-name=" + table + "_snapshots",
                        "excalibur.dynamodb.snapshots.retention=7d",
                        "excalibur.dynamodb.authorization.enabled=true",
                        "excalibur.dynamodb.authorization.table-name=" + table + "_grants")
                .run(context -> {
                    assertThat(context.getBean(DynamoDbSnapshotStore.class).tableName())
                            .isEqualTo("Spring_" + table + "_snapshots");
                    assertThat(context.getBean(DynamoDbGrantStore.class).tableName())
                            .isEqualTo("Spring_" + table + "_grants");
                    assertThat(context.getBean(DynamoDbGrantStore.class)
                                    .getGrants("nobody", false)
                                    .join())
                            .isEmpty();
                });
    }

    @Test
    void healthDescribesEveryConfiguredTableAndIsDownWhenDynamoDbIsUnreachable() {
        String table = db.newTableName("healthy");
        onTheEmbeddedEngine(table)
                .withPropertyValues(
                        "excalibur.dynamodb.snapshots.enabled=true",
                        "excalibur.dynamodb.snapshots.table-name=" + table + "_snapshots",
                        "excalibur.dynamodb.authorization.enabled=true",
                        "excalibur.dynamodb.authorization.table-name=" + table + "_grants")
                .run(context -> {
                    context.getBean(DynamoDbPersistenceProvider.class)
                            .initialize()
                            .join();
                    context.getBean(DynamoDbGrantStore.class)
                            .getGrants("nobody", false)
                            .join();
                    var health = context.getBean(DynamoDbHealthIndicator.class).health();
                    assertThat(health.getStatus()).hasToString("UP");
                    assertThat(health.getDetails().get("tables"))
                            .isEqualTo(Map.of(
                                    "Spring_" + table, "ACTIVE",
                                    "Spring_" + table + "_grants", "ACTIVE",
                                    "Spring_" + table + "_snapshots", DynamoDbHealthIndicator.CREATED_ON_FIRST_USE));
                });
        runner.withBean(DynamoDbAsyncClient.class, db::asyncClient)
                .withPropertyValues("excalibur.dynamodb.table-name=" + db.newTableName("absent"))
                .run(context -> {
                    var health = context.getBean(DynamoDbHealthIndicator.class).health();
                    assertThat(health.getStatus()).hasToString("DOWN");
                    assertThat(health.getDetails().get("tables").toString()).contains("NOT_FOUND");
                });
        runner.withPropertyValues(
                        "excalibur.dynamodb.table-name=unreachable",
                        "excalibur.dynamodb.region=us-east-1",
                        "excalibur.dynamodb.endpoint=http://127.0.0.1:9",
                        "excalibur.dynamodb.access-key=x",
                        "excalibur.dynamodb.secret-key=y",
                        "excalibur.dynamodb.max-retry-attempts=0",
                        "excalibur.dynamodb.request-timeout=2s")
                .run(context -> {
                    var health = context.getBean(DynamoDbHealthIndicator.class).health();
                    assertThat(health.getStatus()).hasToString("DOWN");
                    assertThat(health.getDetails().get("error").toString()).contains("unreachable");
                });
    }

    @Test
    void afterBootsMicrometerAutoConfigurationItsRegistriesReceiveTheOperationTimersAndAmbiguousOnesAreLeftOut()
            throws Exception {
        AutoConfigurations micrometer = AutoConfigurations.of(
                Class.forName(MicrometerAutoConfigurations.METRICS),
                Class.forName(MicrometerAutoConfigurations.COMPOSITE_METER_REGISTRY),
                Class.forName(MicrometerAutoConfigurations.SIMPLE_METRICS_EXPORT),
                Class.forName(MicrometerAutoConfigurations.OBSERVATION));
        AutoConfigurations excalibur =
                AutoConfigurations.of(ExcaliburCdcAutoConfiguration.class, ExcaliburDynamoDbAutoConfiguration.class);
        assertThat(Configurations.getClasses(micrometer, excalibur))
                .as("Boot's registries first, though the names sort after this project's")
                .hasSize(6)
                .endsWith(ExcaliburDynamoDbAutoConfiguration.class, ExcaliburCdcAutoConfiguration.class);
        onTheEmbeddedEngine(db.newTableName("boot_metered"))
                .withConfiguration(micrometer)
                .run(context -> assertThat(timedCreates(context))
                        .as("observed through Boot's ObservationRegistry, timed by its meter handler")
                        .isEqualTo(1));
        onTheEmbeddedEngine(db.newTableName("two_registries"))
                .withBean("one", MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("two", MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context)
                        .as("two registries, neither primary: none is used, as Boot does")
                        .hasNotFailed()
                        .hasSingleBean(DynamoDbPersistenceProvider.class));
    }

    @Test
    void theApplicationsMeterRegistryReceivesTheOperationTimers() {
        onTheEmbeddedEngine(db.newTableName("metered"))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(timedCreates(context)).isEqualTo(1));
    }

    /** Creates an order through the context's provider: how many successful creates its MeterRegistry timed. */
    private static long timedCreates(AssertableApplicationContext context) {
        context.getBean(DynamoDbPersistenceProvider.class)
                .create(new Order("m-1", "PLACED"), PartitionKey.of("c"))
                .join();
        return context.getBean(MeterRegistry.class)
                .get("excalibur.dynamodb.operation")
                .tag("operation", "create")
                .tag("outcome", "success")
                .timer()
                .count();
    }

    @Test
    void embeddedModeRunsOnTheInProcessEngineWithoutClientBeansOrRegion() {
        String table = db.newTableName("embedded");
        runner.withPropertyValues(
                        "excalibur.dynamodb.embedded=true",
                        "excalibur.dynamodb.table-name=" + table,
                        "excalibur.dynamodb.create-tables-if-missing=true")
                .run(context -> {
                    DynamoDbPersistenceProvider provider = context.getBean(DynamoDbPersistenceProvider.class);
                    provider.create(new Order("e-1", "PLACED"), PartitionKey.of("c"))
                            .join();
                    assertThat(db.client()
                                    .describeTable(b -> b.tableName(table))
                                    .table()
                                    .itemCount())
                            .isNotNull();
                    assertThat(provider.getById("e-1", PartitionKey.of("c"), null, Order.class)
                                    .join()
                                    .document()
                                    .status())
                            .isEqualTo("PLACED");
                });
    }
}
