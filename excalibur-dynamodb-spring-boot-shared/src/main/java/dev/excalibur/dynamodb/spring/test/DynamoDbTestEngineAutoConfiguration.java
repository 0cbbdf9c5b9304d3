package dev.excalibur.dynamodb.spring.test;

import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import dev.excalibur.dynamodb.spring.DynamoDbConnectionDetails;
import dev.excalibur.dynamodb.spring.ExcaliburDynamoDbAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link DynamoDbTest}'s engine: started with the test context, served on a free loopback port, stopped
 * when the context closes; the provider connects to it through its {@link DynamoDbConnectionDetails}.
 */
@AutoConfiguration(before = ExcaliburDynamoDbAutoConfiguration.class)
@ConditionalOnClass(DynamoDbEngineServer.class)
class DynamoDbTestEngineAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(DynamoDbConnectionDetails.class)
    EngineConnectionDetails excaliburDynamoDbTestEngine() {
        return new EngineConnectionDetails();
    }

    /** An engine on a port of its own, and how to reach it (any region, any keys: it does not authenticate). */
    static final class EngineConnectionDetails implements DynamoDbConnectionDetails, AutoCloseable {

        private final DynamoDbEngine engine = DynamoDbEngine.create();
        private final DynamoDbEngineServer server =
                DynamoDbEngineServer.create(engine, 0).start();

        @Override
        public String getEndpoint() {
            return server.endpoint().toString();
        }

        @Override
        public String getRegion() {
            return "us-east-1";
        }

        @Override
        public String getAccessKey() {
            return "dynamodb-test";
        }

        @Override
        public String getSecretKey() {
            return "dynamodb-test";
        }

        @Override
        public void close() {
            server.close();
            engine.close();
        }
    }
}
