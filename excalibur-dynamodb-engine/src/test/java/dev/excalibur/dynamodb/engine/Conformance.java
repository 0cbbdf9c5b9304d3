package dev.excalibur.dynamodb.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What a conformance test runs against, handed to it by {@link ConformanceTarget}: SDK clients, and
 * table names of its own that are deleted after each test.
 *
 * <p>By default the target is a private in-process {@link DynamoDbEngine} per test class. With the
 * system property {@value #ENDPOINT_PROPERTY} (or the environment variable {@value #ENDPOINT_VARIABLE})
 * set to a URL, it is that endpoint instead (AWS, another engine, this engine's server), reached with
 * the SDK's usual region and credential chains ({@code aws.region}, {@code AWS_REGION}, profiles,
 * ...) and its default retries. Tests that need the engine's own controls call {@link #engine()},
 * which skips them against an endpoint with an assumption saying why.
 */
public final class Conformance {

    /** The system property naming the endpoint to run against. */
    public static final String ENDPOINT_PROPERTY = "excalibur.dynamodb.endpoint";
    /** The environment variable naming the endpoint, read when the system property is not set. */
    public static final String ENDPOINT_VARIABLE = "EXCALIBUR_DYNAMODB_ENDPOINT";

    private final DynamoDbEngine engine;
    private final URI endpoint;
    private final DynamoDbClient client;
    private DynamoDbAsyncClient asyncClient;
    private DynamoDbStreamsClient streamsClient;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> tables = new ArrayList<>();
    private int tableCounter;

    private Conformance(DynamoDbEngine engine, URI endpoint) {
        this.engine = engine;
        this.endpoint = endpoint;
        this.client = engine != null
                ? engine.client()
                : DynamoDbClient.builder().endpointOverride(endpoint).build();
    }

    /** The endpoint configured by {@code properties} then {@code environment}, if any (blank counts as none). */
    static Optional<URI> configuredEndpoint(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        String value = properties.apply(ENDPOINT_PROPERTY);
        if (value == null || value.isBlank()) {
            value = environment.apply(ENDPOINT_VARIABLE);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(URI.create(value.trim()));
    }

    /** The target this JVM is configured for: the endpoint if one is set, else a new in-process engine. */
    static Conformance fromEnvironment() {
        return configuredEndpoint(System::getProperty, System::getenv)
                .map(Conformance::against)
                .orElseGet(() -> new Conformance(DynamoDbEngine.create(), null));
    }

    /** A target reaching {@code endpoint} with the SDK's default region and credential chains. */
    static Conformance against(URI endpoint) {
        return new Conformance(null, Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** The synchronous DynamoDB client of the target; do not close it. */
    public DynamoDbClient client() {
        return client;
    }

    /** The asynchronous DynamoDB client of the target (made on first use); do not close it. */
    public synchronized DynamoDbAsyncClient asyncClient() {
        if (asyncClient == null) {
            asyncClient = engine != null
                    ? engine.asyncClient()
                    : DynamoDbAsyncClient.builder().endpointOverride(endpoint).build();
        }
        return asyncClient;
    }

    /** The synchronous DynamoDB Streams client of the target (made on first use); do not close it. */
    public synchronized DynamoDbStreamsClient streamsClient() {
        if (streamsClient == null) {
            streamsClient = engine != null
                    ? engine.streamsClient()
                    : DynamoDbStreamsClient.builder().endpointOverride(endpoint).build();
        }
        return streamsClient;
    }

    /** Whether the target is the in-process engine (not an endpoint). */
    public boolean isEngine() {
        return engine != null;
    }

    /**
     * The in-process engine, for tests of its own controls; against an endpoint the calling test is
     * skipped (a JUnit assumption) with a message saying so.
     */
    public DynamoDbEngine engine() {
        Assumptions.assumeTrue(
                engine != null,
                () -> "needs the in-process engine's own controls, which " + endpoint + " does not have");
        return engine;
    }

    /**
     * A table name no other test of this run gets ({@code hint} plus a run id and a counter, within
     * DynamoDB's 3-255 characters of {@code [A-Za-z0-9_.-]}); the table of that name is deleted after
     * the current test.
     */
    public synchronized String newTableName(String hint) {
        String clean = Objects.requireNonNull(hint, "hint").replaceAll("[^A-Za-z0-9_.-]", "_");
        if (clean.length() > 200) {
            clean = clean.substring(0, 200);
        }
        String name = "conformance-" + (clean.isEmpty() ? "table" : clean) + "-" + runId + "-" + (++tableCounter);
        tables.add(name);
        return name;
    }

    /**
     * Creates a table named by {@link #newTableName(String)} from {@code hint}, with the settings
     * {@code table} gives, waits until it exists, and returns its name.
     */
    public String createTable(String hint, Consumer<CreateTableRequest.Builder> table) {
        String name = newTableName(hint);
        client.createTable(b -> table.accept(b.tableName(name)));
        client.waiter().waitUntilTableExists(b -> b.tableName(name));
        return name;
    }

    /**
     * Deletes the tables named for the test that just ran; a table that was never created is fine,
     * one still being created (on AWS) is deleted once it is active.
     */
    synchronized void deleteTables() {
        for (String table : tables) {
            try {
                client.deleteTable(b -> b.tableName(table));
            } catch (ResourceNotFoundException e) {
                // the test never created it, or deleted it itself
            } catch (ResourceInUseException e) {
                client.waiter().waitUntilTableExists(b -> b.tableName(table));
                client.deleteTable(b -> b.tableName(table));
            }
        }
        tables.clear();
    }

    /** Releases the target: closes the engine, or the endpoint's clients. */
    synchronized void close() {
        if (engine != null) {
            engine.close();
            return;
        }
        client.close();
        if (asyncClient != null) {
            asyncClient.close();
        }
        if (streamsClient != null) {
            streamsClient.close();
        }
    }

    @Override
    public String toString() {
        return engine != null ? "Conformance[" + engine + "]" : "Conformance[" + endpoint + "]";
    }
}
