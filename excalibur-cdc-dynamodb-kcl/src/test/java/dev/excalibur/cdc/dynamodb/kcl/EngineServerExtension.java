package dev.excalibur.cdc.dynamodb.kcl;

import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * An engine and its HTTP server for one test class ({@code @RegisterExtension static}): started before its first
 * test, closed after its last.
 */
final class EngineServerExtension implements BeforeAllCallback, AfterAllCallback {

    private DynamoDbEngine engine;
    private DynamoDbEngineServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        engine = DynamoDbEngine.create();
        server = DynamoDbEngineServer.create(engine, 0).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        engine.close();
    }

    DynamoDbEngine engine() {
        return engine;
    }

    DynamoDbEngineServer server() {
        return server;
    }

    /** The server's synchronous client; the server closes it. */
    DynamoDbClient client() {
        return server.client();
    }
}
