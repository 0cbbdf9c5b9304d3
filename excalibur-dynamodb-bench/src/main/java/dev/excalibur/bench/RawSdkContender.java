package dev.excalibur.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The limit: the SDK's {@link DynamoDbAsyncClient} with hand-written requests and hand-written
 * attribute mapping, optimistic concurrency on a numeric version attribute.
 */
final class RawSdkContender implements Contender {

    private static final Map<String, String> NAMES = Map.of("#pk", "pk", "#v", "version");

    private final DynamoDbAsyncClient client;
    private final String table;

    RawSdkContender(DynamoDbAsyncClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public String name() {
        return "raw SDK (DynamoDbAsyncClient, hand-written requests and mapping)";
    }

    @Override
    public CompletableFuture<Void> createReadUpdate(int n) {
        Order order = Order.number(n);
        return client.putItem(b -> b.tableName(table)
                        .item(toItem(order, 1))
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", "pk"))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .thenCompose(created -> client.getItem(b -> b.tableName(table)
                        .key(Map.of(
                                "pk", AttributeValue.fromS(order.customer()), "sk", AttributeValue.fromS(order.id())))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)))
                .thenCompose(read -> {
                    Contender.require(read.hasItem() && !read.item().isEmpty(), "raw get found the order");
                    Order stored = fromItem(read.item());
                    long version = Long.parseLong(read.item().get("version").n());
                    return client.putItem(b -> b.tableName(table)
                            .item(toItem(stored.withStatus("SHIPPED"), version + 1))
                            .conditionExpression("attribute_exists(#pk) AND #v = :v")
                            .expressionAttributeNames(NAMES)
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version))))
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
                })
                .thenAccept(updated -> {});
    }

    /** The stored item: the order's attributes, its key ({@code pk}, {@code sk}) and its version. */
    static Map<String, AttributeValue> toItem(Order order, long version) {
        Map<String, AttributeValue> item = attributes(order, 10);
        item.put("pk", AttributeValue.fromS(order.customer()));
        item.put("sk", AttributeValue.fromS(order.id()));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        return item;
    }

    /** The order's own attributes only, as a document codec maps the record. */
    static Map<String, AttributeValue> toItem(Order order) {
        return attributes(order, 7);
    }

    /** The order's attributes in a map sized for {@code itemSize} attributes. */
    private static Map<String, AttributeValue> attributes(Order order, int itemSize) {
        Map<String, AttributeValue> item = new HashMap<>((int) (itemSize / 0.75f) + 1);
        item.put("id", AttributeValue.fromS(order.id()));
        item.put("customer", AttributeValue.fromS(order.customer()));
        item.put("status", AttributeValue.fromS(order.status()));
        item.put("total", AttributeValue.fromN(order.total().toPlainString()));
        item.put("quantity", AttributeValue.fromN(Integer.toString(order.quantity())));
        List<AttributeValue> tags = new ArrayList<>(order.tags().size());
        for (String tag : order.tags()) {
            tags.add(AttributeValue.fromS(tag));
        }
        item.put("tags", AttributeValue.fromL(tags));
        item.put("placedAt", AttributeValue.fromS(order.placedAt().toString()));
        return item;
    }

    static Order fromItem(Map<String, AttributeValue> item) {
        List<AttributeValue> tagValues = item.get("tags").l();
        List<String> tags = new ArrayList<>(tagValues.size());
        for (AttributeValue tag : tagValues) {
            tags.add(tag.s());
        }
        return new Order(
                item.get("id").s(),
                item.get("customer").s(),
                item.get("status").s(),
                new BigDecimal(item.get("total").n()),
                Integer.parseInt(item.get("quantity").n()),
                tags,
                Instant.parse(item.get("placedAt").s()));
    }
}
