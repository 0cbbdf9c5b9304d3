package dev.excalibur.bench;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** The peer: the AWS Enhanced Client with {@code TableSchema.fromBean} and {@code @DynamoDbVersionAttribute}. */
final class EnhancedClientContender implements Contender {

    private static final TableSchema<OrderBean> SCHEMA = TableSchema.fromBean(OrderBean.class);

    private final DynamoDbAsyncTable<OrderBean> table;

    EnhancedClientContender(DynamoDbAsyncClient client, String tableName) {
        this.table = DynamoDbEnhancedAsyncClient.builder()
                .dynamoDbClient(client)
                .build()
                .table(tableName, SCHEMA);
    }

    @Override
    public String name() {
        return "AWS Enhanced Client (TableSchema.fromBean, @DynamoDbVersionAttribute)";
    }

    @Override
    public CompletableFuture<Void> createReadUpdate(int n) {
        Order order = Order.number(n);
        return table.putItem(OrderBean.of(order.customer(), order))
                .thenCompose(created -> table.getItem(Key.builder()
                        .partitionValue(order.customer())
                        .sortValue(order.id())
                        .build()))
                .thenCompose(read -> {
                    Contender.require(
                            read != null && read.getVersion() != null, "enhanced get found the versioned order");
                    read.setStatus("SHIPPED");
                    return table.putItem(read);
                });
    }
}
