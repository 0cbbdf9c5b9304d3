package dev.excalibur.dynamodb.spring;

import dev.excalibur.cdc.dynamodb.CdcBatchHandler;
import dev.excalibur.cdc.dynamodb.CdcDeadLetterHandler;
import dev.excalibur.cdc.dynamodb.CdcHandler;
import dev.excalibur.cdc.dynamodb.CdcPositionReset;
import dev.excalibur.cdc.dynamodb.CdcProcessor;
import dev.excalibur.cdc.dynamodb.StalePositionCallback;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.DynamoDbCdcStateStore;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * A CDC processor ({@code excalibur.dynamodb.cdc.enabled=true}) on the provider's clients, calling
 * the application's {@link CdcHandler} or {@link CdcBatchHandler} bean (exactly one), with
 * checkpoints in a DynamoDB table or in memory ({@code state-store}); optional dead-letter,
 * stale-position callback and reset listener beans are used. It starts and stops with the context.
 */
@AutoConfiguration(after = ExcaliburDynamoDbAutoConfiguration.class)
@ConditionalOnClass(CdcProcessor.class)
@ConditionalOnBean(DynamoDbPersistenceProvider.class)
@ConditionalOnProperty(prefix = "excalibur.dynamodb.cdc", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(ExcaliburCdcProperties.class)
public class ExcaliburCdcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CdcStateStore excaliburCdcStateStore(ExcaliburCdcProperties cdc, DynamoDbPersistenceProvider provider) {
        if (cdc.getStateStore() == ExcaliburCdcProperties.StateStore.IN_MEMORY) {
            return new InMemoryCdcStateStore();
        }
        return new DynamoDbCdcStateStore(provider.client(), provider.options().qualify(cdc.getStateTableName()),
                provider.options().createTablesIfMissing(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    CdcProcessorLifecycle excaliburCdcProcessor(ExcaliburCdcProperties cdc, DynamoDbPersistenceProvider provider,
                                                CdcStateStore stateStore,
                                                ObjectProvider<CdcHandler> handler,
                                                ObjectProvider<CdcBatchHandler> batchHandler,
                                                ObjectProvider<CdcDeadLetterHandler> deadLetterHandler,
                                                ObjectProvider<StalePositionCallback> stalePositionCallback,
                                                ObjectProvider<Consumer<CdcPositionReset>> resetListener,
                                                ObjectProvider<MeterRegistry> meterRegistry) {
        CdcProcessor.Builder builder = CdcProcessor.builder()
                .name(cdc.getProcessorName())
                .client(provider.client())
                .streamsClient(provider.streamsClient())
                .stateStore(stateStore)
                .maxBatchSize(cdc.getMaxBatchSize())
                .pollInterval(cdc.getPollInterval())
                .maxConcurrentShards(cdc.getMaxConcurrentShards())
                .startPosition(cdc.getStartPosition())
                .stalePositionStrategy(cdc.getStalePositionStrategy())
                .leaseDuration(cdc.getLeaseDuration())
                .handlerAttempts(cdc.getHandlerAttempts())
                .handlerRetryDelay(cdc.getHandlerRetryDelay())
                .checkpointInterval(cdc.getCheckpointInterval());
        if (cdc.getStreamArn() != null) {
            builder.streamArn(cdc.getStreamArn());
        } else {
            builder.tableName(cdc.getTableName() == null ? provider.options().qualifiedTableName()
                    : provider.options().qualify(cdc.getTableName()));
        }
        handler.ifUnique(builder::handler);
        batchHandler.ifUnique(builder::batchHandler);
        deadLetterHandler.ifUnique(builder::deadLetterHandler);
        stalePositionCallback.ifUnique(builder::stalePositionCallback);
        resetListener.ifUnique(builder::resetListener);
        meterRegistry.ifAvailable(builder::meterRegistry);
        return new CdcProcessorLifecycle(provider, builder.build());
    }

    /** Health of the processor, when Actuator is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class CdcHealthConfiguration {

        @Bean(name = "cdcProcessorHealthIndicator")
        @ConditionalOnMissingBean(name = "cdcProcessorHealthIndicator")
        CdcProcessorHealthIndicator cdcProcessorHealthIndicator(CdcProcessorLifecycle processor) {
            return new CdcProcessorHealthIndicator(processor.processor());
        }
    }
}
