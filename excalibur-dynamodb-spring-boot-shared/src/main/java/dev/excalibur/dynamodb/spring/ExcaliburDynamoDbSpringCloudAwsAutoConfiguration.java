package dev.excalibur.dynamodb.spring;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.AwsConnectionDetails;
import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbProperties;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClientBuilder;

/**
 * With Spring Cloud AWS, the provider's clients as Spring Cloud AWS configures every AWS client: the
 * {@link DynamoDbAsyncClient} and {@link DynamoDbStreamsAsyncClient} beans are built through its
 * {@link AwsClientBuilderConfigurer}, so credentials, region and endpoint come from {@code spring.cloud.aws.*}
 * ({@code spring.cloud.aws.dynamodb.*} first; the context's {@code AwsConnectionDetails} and its
 * {@code AwsClientCustomizer} and {@code AwsAsyncClientCustomizer} beans apply). Only when the
 * application says nothing of its own about the connection: no {@code DynamoDbAsyncClient} or
 * {@link DynamoDbConnectionDetails} bean, no {@code excalibur.dynamodb.endpoint}, {@code region},
 * {@code access-key} or {@code secret-key}, and not {@code embedded}. The context closes the clients.
 */
@AutoConfiguration(
        before = ExcaliburDynamoDbAutoConfiguration.class,
        afterName = {
            "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
            "io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration",
            "io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration"
        })
@ConditionalOnClass(AwsClientBuilderConfigurer.class)
@ConditionalOnBean(AwsClientBuilderConfigurer.class)
@ConditionalOnMissingBean({DynamoDbAsyncClient.class, DynamoDbConnectionDetails.class})
@Conditional(ExcaliburDynamoDbSpringCloudAwsAutoConfiguration.NoConnectionSettings.class)
@EnableConfigurationProperties(DynamoDbProperties.class)
public class ExcaliburDynamoDbSpringCloudAwsAutoConfiguration {

    @Bean
    DynamoDbAsyncClient excaliburDynamoDbAsyncClient(
            AwsClientBuilderConfigurer configurer,
            DynamoDbProperties properties,
            ObjectProvider<AwsConnectionDetails> connectionDetails,
            ObjectProvider<AwsClientCustomizer<DynamoDbAsyncClientBuilder>> customizers,
            ObjectProvider<AwsAsyncClientCustomizer> asyncCustomizers) {
        return configured(
                DynamoDbAsyncClient.builder(),
                configurer,
                properties,
                connectionDetails,
                customizers,
                asyncCustomizers);
    }

    @Bean
    @ConditionalOnMissingBean
    DynamoDbStreamsAsyncClient excaliburDynamoDbStreamsAsyncClient(
            AwsClientBuilderConfigurer configurer,
            DynamoDbProperties properties,
            ObjectProvider<AwsConnectionDetails> connectionDetails,
            ObjectProvider<AwsClientCustomizer<DynamoDbStreamsAsyncClientBuilder>> customizers,
            ObjectProvider<AwsAsyncClientCustomizer> asyncCustomizers) {
        return configured(
                DynamoDbStreamsAsyncClient.builder(),
                configurer,
                properties,
                connectionDetails,
                customizers,
                asyncCustomizers);
    }

    /** The client of the builder, as Spring Cloud AWS configures an asynchronous client of this service. */
    private static <B extends AwsClientBuilder<B, C>, C> C configured(
            B builder,
            AwsClientBuilderConfigurer configurer,
            DynamoDbProperties properties,
            ObjectProvider<AwsConnectionDetails> connectionDetails,
            ObjectProvider<AwsClientCustomizer<B>> customizers,
            ObjectProvider<AwsAsyncClientCustomizer> asyncCustomizers) {
        return configurer
                .configureAsyncClient(
                        builder,
                        properties,
                        connectionDetails.getIfAvailable(),
                        customizers.orderedStream(),
                        asyncCustomizers.orderedStream())
                .build();
    }

    /** Matches when none of {@code excalibur.dynamodb.endpoint, region, access-key, secret-key} is set and {@code embedded} is not true. */
    static final class NoConnectionSettings extends SpringBootCondition {

        private static final List<String> SETTINGS = List.of(
                "excalibur.dynamodb.endpoint",
                "excalibur.dynamodb.region",
                "excalibur.dynamodb.access-key",
                "excalibur.dynamodb.secret-key");

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            for (String setting : SETTINGS) {
                if (context.getEnvironment().containsProperty(setting)) {
                    return ConditionOutcome.noMatch(setting + " is set: the starter's own clients");
                }
            }
            if (context.getEnvironment().getProperty("excalibur.dynamodb.embedded", Boolean.class, false)) {
                return ConditionOutcome.noMatch("excalibur.dynamodb.embedded is true");
            }
            return ConditionOutcome.match("no excalibur.dynamodb connection settings");
        }
    }
}
