package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.CdcDeadLetterHandler;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.processor.CdcPositionReset;
import dev.excalibur.cdc.dynamodb.processor.CdcProcessor;
import dev.excalibur.cdc.dynamodb.CdcRunnerBuilder;
import dev.excalibur.cdc.dynamodb.processor.StalePositionCallback;
import dev.excalibur.cdc.dynamodb.kcl.KclCdcWorker;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.DynamoDbCdcStateStore;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.function.Consumer;

/**
 * CDC ({@code excalibur.dynamodb.cdc.enabled=true}) on the provider's clients, calling the
 * application's {@link CdcHandler} or {@link CdcBatchHandler} bean (exactly one); optional
 * dead-letter handler and {@code MeterRegistry} beans are used. The runner starts and stops with
 * the context: with {@code runner: in-process} (default) a {@link CdcProcessor} with checkpoints in
 * a DynamoDB table or in memory ({@code state-store}) and optional stale-position callback and reset
 * listener beans; with {@code runner: kcl} a {@code KclCdcWorker} of a KCL fleet named after the
 * processor name.
 */
@AutoConfiguration(after = ExcaliburDynamoDbAutoConfiguration.class)
@ConditionalOnClass(CdcProcessor.class)
@ConditionalOnBean(DynamoDbPersistenceProvider.class)
@ConditionalOnProperty(prefix = "excalibur.dynamodb.cdc", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ExcaliburCdcProperties.class)
public class ExcaliburCdcAutoConfiguration {

    /** The in-process runner and its state store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "excalibur.dynamodb.cdc", name = "runner", havingValue = "in-process", matchIfMissing = true)
    static class InProcessRunnerConfiguration {

        @Bean
        @ConditionalOnMissingBean
        CdcStateStore excaliburCdcStateStore(ExcaliburCdcProperties cdc, DynamoDbPersistenceProvider provider) {
            if (cdc.getStateStore() == ExcaliburCdcProperties.StateStore.IN_MEMORY) {
                return new InMemoryCdcStateStore();
            }
            return DynamoDbCdcStateStore.builder().client(provider.client())
                    .tableName(provider.options().qualify(cdc.getStateTableName()))
                    .createTableIfMissing(provider.options().createTablesIfMissing()).build();
        }

        @Bean
        @ConditionalOnMissingBean
        CdcRunnerLifecycle excaliburCdcProcessor(ExcaliburCdcProperties cdc, DynamoDbPersistenceProvider provider,
                                                 CdcStateStore stateStore, Handlers handlers,
                                                 ObjectProvider<StalePositionCallback> stalePositionCallback,
                                                 ObjectProvider<Consumer<CdcPositionReset>> resetListener) {
            CdcProcessor.Builder builder = handlers.apply(CdcProcessor.builder(), cdc, provider)
                    .name(cdc.getProcessorName())
                    .stateStore(stateStore)
                    .maxConcurrentShards(cdc.getMaxConcurrentShards())
                    .stalePositionStrategy(cdc.getStalePositionStrategy())
                    .checkpointInterval(cdc.getCheckpointInterval());
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
        CdcRunnerLifecycle excaliburKclCdcWorker(ExcaliburCdcProperties cdc, DynamoDbPersistenceProvider provider,
                                                 Handlers handlers) {
            KclCdcWorker worker = handlers.apply(KclCdcWorker.builder(), cdc, provider)
                    .applicationName(cdc.getProcessorName())
                    .workerMetrics(cdc.getKcl().isWorkerMetrics())
                    .shutdownTimeout(cdc.getKcl().getShutdownTimeout())
                    .build();
            return new CdcRunnerLifecycle(provider, worker);
        }
    }

    @Bean
    Handlers excaliburCdcHandlers(ObjectProvider<CdcHandler> handler, ObjectProvider<CdcBatchHandler> batchHandler,
                                  ObjectProvider<CdcDeadLetterHandler> deadLetterHandler,
                                  ObjectProvider<MeterRegistry> meterRegistry) {
        return new Handlers(handler, batchHandler, deadLetterHandler, meterRegistry);
    }

    /** The application's beans every runner uses, and the settings every runner shares. */
    static final class Handlers {
        private final ObjectProvider<CdcHandler> handler;
        private final ObjectProvider<CdcBatchHandler> batchHandler;
        private final ObjectProvider<CdcDeadLetterHandler> deadLetterHandler;
        private final ObjectProvider<MeterRegistry> meterRegistry;

        Handlers(ObjectProvider<CdcHandler> handler, ObjectProvider<CdcBatchHandler> batchHandler,
                 ObjectProvider<CdcDeadLetterHandler> deadLetterHandler, ObjectProvider<MeterRegistry> meterRegistry) {
            this.handler = handler;
            this.batchHandler = batchHandler;
            this.deadLetterHandler = deadLetterHandler;
            this.meterRegistry = meterRegistry;
        }

        <B extends CdcRunnerBuilder<B>> B apply(B builder, ExcaliburCdcProperties cdc, DynamoDbPersistenceProvider provider) {
            builder.client(provider.client())
                    .streamsClient(provider.streamsClient())
                    .maxBatchSize(cdc.getMaxBatchSize())
                    .pollInterval(cdc.getPollInterval())
                    .startPosition(cdc.getStartPosition())
                    .leaseDuration(cdc.getLeaseDuration())
                    .handlerAttempts(cdc.getHandlerAttempts())
                    .handlerRetryDelay(cdc.getHandlerRetryDelay());
            if (cdc.getStreamArn() != null) {
                builder.streamArn(cdc.getStreamArn());
            } else {
                builder.tableName(cdc.getTableName() == null ? provider.options().qualifiedTableName()
                        : provider.options().qualify(cdc.getTableName()));
            }
            handler.ifUnique(builder::handler);
            batchHandler.ifUnique(builder::batchHandler);
            deadLetterHandler.ifUnique(builder::deadLetterHandler);
            meterRegistry.ifAvailable(builder::meterRegistry);
            return builder;
        }
    }

    /** Health of the runner, when Actuator is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class CdcHealthConfiguration {

        @Bean(name = "cdcProcessorHealthIndicator")
        @ConditionalOnMissingBean(name = "cdcProcessorHealthIndicator")
        CdcProcessorHealthIndicator cdcProcessorHealthIndicator(CdcRunnerLifecycle runner) {
            return new CdcProcessorHealthIndicator(runner.runner());
        }
    }
}
