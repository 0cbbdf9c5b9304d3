package dev.excalibur.bench;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.batch.CloudBatchOperation;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Commits one transaction of 100 conditional creates; call {@code n} writes orders of partition {@code BATCH#n}. */
abstract class BatchCommitWorkload implements Rounds.Workload {

    static final int OPERATIONS = 100;

    /** The raw SDK: {@code TransactWriteItems} of 100 conditional puts, hand mapping, a request token. */
    static BatchCommitWorkload raw(DynamoDbAsyncClient client, String table) {
        return new BatchCommitWorkload() {
            @Override
            public String name() {
                return "raw SDK (TransactWriteItems, 100 conditional puts)";
            }

            @Override
            public CompletableFuture<?> call(int n) {
                List<TransactWriteItem> puts = new ArrayList<>(OPERATIONS);
                for (Order order : orders(n)) {
                    Map<String, AttributeValue> item = RawSdkContender.toItem(order, 1);
                    item.put("pk", AttributeValue.fromS(partition(n)));
                    puts.add(TransactWriteItem.builder()
                            .put(p -> p.tableName(table)
                                    .item(item)
                                    .conditionExpression("attribute_not_exists(#pk)")
                                    .expressionAttributeNames(Map.of("#pk", "pk")))
                            .build());
                }
                return client.transactWriteItems(b -> b.transactItems(puts)
                        .clientRequestToken(UUID.randomUUID().toString())
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            }
        };
    }

    /** Ours: {@code executeBatch} with 100 {@code create} operations (ETags, per-operation results). */
    static BatchCommitWorkload provider(DynamoDbPersistenceProvider provider) {
        return new BatchCommitWorkload() {
            @Override
            public String name() {
                return "Excalibur provider executeBatch (100 creates, ETags)";
            }

            @Override
            public CompletableFuture<?> call(int n) {
                List<CloudBatchOperation> creates = new ArrayList<>(OPERATIONS);
                for (Order order : orders(n)) {
                    creates.add(CloudBatchOperation.create(order));
                }
                return provider.executeBatch(PartitionKey.of(partition(n)), creates)
                        .thenAccept(result -> Contender.require(
                                result.success() && result.operationResults().size() == OPERATIONS,
                                "batch committed: " + result.errorMessage()));
            }
        };
    }

    static String partition(int n) {
        return "BATCH#" + n;
    }

    static List<Order> orders(int n) {
        List<Order> orders = new ArrayList<>(OPERATIONS);
        for (int i = 0; i < OPERATIONS; i++) {
            orders.add(Order.number(n * OPERATIONS + i));
        }
        return orders;
    }
}
