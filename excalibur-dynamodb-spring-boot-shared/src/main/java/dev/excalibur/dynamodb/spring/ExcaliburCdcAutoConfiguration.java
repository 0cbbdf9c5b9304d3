package dev.excalibur.dynamodb.spring;

import static dev.excalibur.dynamodb.spring.PropertyValues.ifSet;

import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.CdcDeadLetterHandler;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.CdcRunnerBuilder;
import dev.excalibur.cdc.dynamodb.kcl.KclCdcWorker;
import dev.excalibur.cdc.dynamodb.processor.CdcPositionReset;
import dev.excalibur.cdc.dynamodb.processor.CdcProcessor;
import dev.excalibur.cdc.dynamodb.processor.StalePositionCallback;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.DynamoDbCdcStateStore;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * CDC ({@code excalibur.dynamodb.cdc.enabled=true}) on the provider's clients, calling the
 * application's {@link CdcHandler} or {@link CdcBatchHandler} bean (exactly one) with changes whose
 * documents read through the provider's mapper; optional dead-letter handler and {@code MeterRegistry}
 * beans are used. Settings left unset keep the runner's own defaults. The runner starts and stops with
 * the context: with {@code runner: in-process} (default) a {@link CdcProcessor} with checkpoints in
 * a DynamoDB table or in memory ({@code state-store}) and optional stale-position callback and reset
 * listener beans; with {@code runner: kcl} a {@code KclCdcWorker} of a KCL fleet named {@code name},
 * with an optional {@code CloudWatchAsyncClient} bean for KCL's own metrics.
 */
@AutoConfiguration(
        after = ExcaliburDynamoDbAutoConfiguration.class,
        afterName = {
            MicrometerAutoConfigurations.METRICS,
            MicrometerAutoConfigurations.COMPOSITE_METER_REGISTRY,
            MicrometerAutoConfigurations.SIMPLE_METRICS_EXPORT
        })
@ConditionalOnClass(CdcProcessor.class)
@ConditionalOnBean(DynamoDbPersistenceProvider.class)
@ConditionalOnProperty(prefix = "excalibur.dynamodb.cdc", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ExcaliburCdcProperties.class)
public class ExcaliburCdcAutoConfiguration {

    /** The in-process runner and its state store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(
            prefix = "excalibur.dynamodb.cdc",
            name = "runner",
            havingValue = "in-process",
            matchIfMissing = true)
    static class InProcessRunnerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CdcStateStore excaliburCdcStateStore(ExcaliburCdcProperties cdc, DynamoDbPersistenceProvider provider) {
            if (cdc.getStateStore() == ExcaliburCdcProperties.StateStore.IN_MEMORY) {
                return new InMemoryCdcStateStore();
            }
            return DynamoDbCdcStateStore.builder()
                    .client(provider.client())
                    .tableName(provider.options()
                            .qualify(
                                    cdc.getStateTableName() == null
                                            ? DynamoDbCdcStateStore.DEFAULT_TABLE_NAME
                                            : cdc.getStateTableName()))
                    .createTableIfMissing(provider.options().createTablesIfMissing())
                    .build();
        }

        @Bean
        @ConditionalOnMissingBean
        CdcRunnerLifecycle excaliburCdcProcessor(
                ExcaliburCdcProperties cdc,
                DynamoDbPersistenceProvider provider,
                CdcStateStore stateStore,
                Handlers handlers,
                ObjectProvider<StalePositionCallback> stalePositionCallback,
                ObjectProvider<Consumer<CdcPositionReset>> resetListener) {
            CdcProcessor.Builder builder =
                    handlers.apply(CdcProcessor.builder(), cdc, provider).stateStore(stateStore);
            ifSet(cdc.getName(), builder::name);
            ifSet(cdc.getMaxConcurrentShards(), builder::maxConcurrentShards);
            ifSet(cdc.getStalePositionStrategy(), builder::stalePositionStrategy);
            ifSet(cdc.getCheckpointInterval(), builder::checkpointInterval);
            stalePositionCallback.ifUnique(builder::stalePositionCallback);
            resetListener.ifUnique(builder::resetListener);
            return new CdcRunnerLifecycle(provider, builder.build());
        }
    }

    /** A worker of a KCL fleet. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KclCdcWorker.class)
    @ConditionalOnProperty(prefix = "excalibur.dynamodb.cdc", name = "runner", havingValue = "kcl")
    static class KclRunnerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CdcRunnerLifecycle excaliburKclCdcWorker(
                ExcaliburCdcProperties cdc,
                DynamoDbPersistenceProvider provider,
                Handlers handlers,
                ObjectProvider<CloudWatchAsyncClient> cloudWatchClient) {
            if (cdc.getName() == null) {
                throw new InvalidOptionsException(
                        "Excalibur CDC settings",
                        List.of(
                                "excalibur.dynamodb.cdc.name is required "
                                        + "with runner kcl: it names the KCL application, its lease table and the fleet of its workers"));
            }
            KclCdcWorker.Builder builder =
                    handlers.apply(KclCdcWorker.builder(), cdc, provider).applicationName(cdc.getName());
            ExcaliburCdcProperties.Kcl kcl = cdc.getKcl();
            ifSet(kcl.getWorkerMetrics(), builder::workerMetrics);
            ifSet(kcl.getShutdownTimeout(), builder::shutdownTimeout);
            ifSet(kcl.getLeaderLeaseDuration(), builder::leaderLeaseDuration);
            ifSet(kcl.getLeaseAssignmentInterval(), builder::leaseAssignmentInterval);
            ifSet(kcl.getMetricsLevel(), level -> builder.metricsLevel(metricsLevel(level)));
            cloudWatchClient.ifUnique(builder::cloudWatchClient);
            return new CdcRunnerLifecycle(provider, builder.build());
        }

        private static MetricsLevel metricsLevel(String level) {
            try {
                return MetricsLevel.valueOf(level.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidOptionsException(
                        "Excalibur CDC settings",
                        List.of("excalibur.dynamodb.cdc.kcl.metrics-level "
                                + "must be NONE, SUMMARY or DETAILED but was '" + level + "'"));
            }
        }
    }

    @Bean
    Handlers excaliburCdcHandlers(
            ObjectProvider<CdcHandler> handler,
            ObjectProvider<CdcBatchHandler> batchHandler,
            ObjectProvider<CdcDeadLetterHandler> deadLetterHandler,
            ObjectProvider<MeterRegistry> meterRegistry) {
        return new Handlers(handler, batchHandler, deadLetterHandler, meterRegistry);
    }

    /**
     * The application's beans every runner uses, the settings every runner shares (those set; the
     * others keep the runner's own defaults) and the provider's mapper as the document decoder.
     */
    static final class Handlers {
        private final ObjectProvider<CdcHandler> handler;
        private final ObjectProvider<CdcBatchHandler> batchHandler;
        private final ObjectProvider<CdcDeadLetterHandler> deadLetterHandler;
        private final ObjectProvider<MeterRegistry> meterRegistry;

        Handlers(
                ObjectProvider<CdcHandler> handler,
                ObjectProvider<CdcBatchHandler> batchHandler,
                ObjectProvider<CdcDeadLetterHandler> deadLetterHandler,
                ObjectProvider<MeterRegistry> meterRegistry) {
            this.handler = handler;
            this.batchHandler = batchHandler;
            this.deadLetterHandler = deadLetterHandler;
            this.meterRegistry = meterRegistry;
        }

        <B extends CdcRunnerBuilder<B>> B apply(
                B builder, ExcaliburCdcProperties cdc, DynamoDbPersistenceProvider provider) {
            builder.client(provider.client())
                    .streamsClient(provider.streamsClient())
                    .documentDecoder(provider.documentCodec()::fromItem);
            ifSet(cdc.getMaxBatchSize(), builder::maxBatchSize);
            ifSet(cdc.getPollInterval(), builder::pollInterval);
            ifSet(cdc.getStartPosition(), builder::startPosition);
            ifSet(cdc.getLeaseDuration(), builder::leaseDuration);
            ifSet(cdc.getHandlerAttempts(), builder::handlerAttempts);
            ifSet(cdc.getHandlerRetryDelay(), builder::handlerRetryDelay);
            if (cdc.getStreamArn() != null) {
                builder.streamArn(cdc.getStreamArn());
            } else {
                builder.tableName(
                        cdc.getTableName() == null
                                ? provider.options().qualifiedTableName()
                                : provider.options().qualify(cdc.getTableName()));
            }
            handler.ifUnique(builder::handler);
            batchHandler.ifUnique(builder::batchHandler);
            deadLetterHandler.ifUnique(builder::deadLetterHandler);
            meterRegistry.ifUnique(builder::meterRegistry);
            return builder;
        }
    }
}
