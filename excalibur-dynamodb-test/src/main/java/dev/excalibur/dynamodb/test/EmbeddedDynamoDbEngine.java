package dev.excalibur.dynamodb.test;

import dev.excalibur.data.cloudnative.spi.EmbeddedEngine;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The {@link EmbeddedDynamoDb} as the providers find it through {@link java.util.ServiceLoader}:
 * {@code DynamoDbPersistenceProvider.builder().embedded()} takes the shared engine's clients, and a
 * provider given one of the kit's clients finds its DynamoDB Streams twin here. Not for direct use.
 */
public final class EmbeddedDynamoDbEngine implements EmbeddedEngine {

    private static final Map<Class<?>, Function<EmbeddedDynamoDb, Object>> CLIENTS = Map.of(
            DynamoDbClient.class, EmbeddedDynamoDb::client,
            DynamoDbAsyncClient.class, EmbeddedDynamoDb::asyncClient,
            DynamoDbStreamsClient.class, EmbeddedDynamoDb::streamsClient,
            DynamoDbStreamsAsyncClient.class, EmbeddedDynamoDb::streamsAsyncClient);

    /** Called by {@link java.util.ServiceLoader}. */
    public EmbeddedDynamoDbEngine() {}

    @Override
    public <T> Optional<T> client(Class<T> type) {
        return CLIENTS.containsKey(type)
                ? Optional.of(type.cast(CLIENTS.get(type).apply(EmbeddedDynamoDb.shared())))
                : Optional.empty();
    }

    @Override
    public <T> Optional<T> twin(Object client, Class<T> type) {
        Function<EmbeddedDynamoDb, Object> twin = CLIENTS.get(type);
        return twin == null
                ? Optional.empty()
                : EmbeddedDynamoDb.engineOf(client).map(engine -> type.cast(twin.apply(engine)));
    }
}
