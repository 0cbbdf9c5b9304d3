package dev.excalibur.data.dynamodb;

import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An engine of its own over HTTP for one test class, for clients built from an endpoint:
 * {@code @RegisterExtension static final EngineOverHttp SERVER = new EngineOverHttp();}.
 */
final class EngineOverHttp implements BeforeAllCallback, AfterAllCallback {

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
