package dev.excalibur.data.dynamodb;

import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/** Providers on the embedded engine for tests: tables created, fast retries, the client closed with the provider. */
public final class TestProviders {

    private TestProviders() {}

    /** A provider on a new pipeline client (with the given interceptors) that creates its table. */
    public static TestProvider open(
            EmbeddedDynamoDb db,
            String table,
            Consumer<DynamoDbOptions.Builder> options,
            ExecutionInterceptor... interceptors) {
        DynamoDbAsyncClient client = db.asyncClient(interceptors);
        DynamoDbStreamsAsyncClient streams = db.streamsAsyncClient(interceptors);
        DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(client)
                .streamsClient(streams)
                .options(o -> o.tableName(table).createTablesIfMissing(true).retryBaseDelay(Duration.ofMillis(1)))
                .options(options)
                .build();
        await(provider.initialize());
        return new TestProvider(provider, client, streams);
    }

    public static TestProvider open(EmbeddedDynamoDb db, String table, ExecutionInterceptor... interceptors) {
        return open(db, table, o -> {}, interceptors);
    }

    /** The value of a future, failing the test after 60 s. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 60 s", e);
        }
    }

    /** A provider and the clients made for it; closing closes them all. */
    public record TestProvider(
            DynamoDbPersistenceProvider provider, DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams)
            implements AutoCloseable {
        @Override
        public void close() {
            provider.close();
            client.close();
            streams.close();
        }
    }
}
