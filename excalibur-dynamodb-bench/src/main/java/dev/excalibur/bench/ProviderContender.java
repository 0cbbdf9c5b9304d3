package dev.excalibur.bench;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import java.util.concurrent.CompletableFuture;

/** Ours: {@link DynamoDbPersistenceProvider} with records, Jackson mapping and ETags. */
final class ProviderContender implements Contender {

    private final DynamoDbPersistenceProvider provider;

    ProviderContender(DynamoDbPersistenceProvider provider) {
        this.provider = provider;
    }

    @Override
    public String name() {
        return "Excalibur DynamoDbPersistenceProvider (records, ETags)";
    }

    @Override
    public CompletableFuture<Void> createReadUpdate(int n) {
        Order order = Order.number(n);
        PartitionKey key = PartitionKey.of(order.customer());
        return provider.create(order, key)
                .thenCompose(created -> {
                    Contender.require(created.success(), "provider create succeeded", created::errorMessage);
                    return provider.getById(order.id(), key, null, Order.class);
                })
                .thenCompose(read -> {
                    Contender.require(read.success(), "provider get found the order");
                    return provider.update(read.document().withStatus("SHIPPED"), key, read.etag());
                })
                .thenAccept(updated ->
                        Contender.require(updated.success(), "provider update succeeded", updated::errorMessage));
    }
}
