package dev.excalibur.data.dynamodb;

import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An engine and its HTTP server for one test class, for clients built from an endpoint
 * ({@code @RegisterExtension static}): started before its first test, closed after its last.
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

    URI endpoint() {
        return server.endpoint();
    }
}
