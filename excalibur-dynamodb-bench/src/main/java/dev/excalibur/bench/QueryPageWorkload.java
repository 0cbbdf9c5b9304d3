package dev.excalibur.bench;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.data.cloudnative.query.CloudQueryResult;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Reads one partition page by page, {@value #PAGE_SIZE} orders per page, each page's orders
 * mapped to {@link Order} records, following what each page says comes next. Every call reads the
 * partition from its start, {@code pages} pages (or until no next page) and fails unless it read
 * exactly {@code pages} pages holding {@code orders} orders.
 */
abstract class QueryPageWorkload<P> implements Rounds.Workload {

    static final int PAGE_SIZE = 100;

    /** One page read: the orders it held and where the next page starts (null: none). */
    record Page<P>(int orders, P next) {}

    private final int pages;
    private final int orders;

    private QueryPageWorkload(int pages, int orders) {
        this.pages = pages;
        this.orders = orders;
    }

    /** The raw SDK: {@code Query} with {@code Limit}, {@code LastEvaluatedKey} sent back as {@code ExclusiveStartKey}, hand mapping. */
    static QueryPageWorkload<Map<String, AttributeValue>> raw(
            DynamoDbAsyncClient client, String table, String partition, int pages, int orders) {
        QueryRequest first = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", "pk"))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                .limit(PAGE_SIZE)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .build();
        return new QueryPageWorkload<>(pages, orders) {
            @Override
            public String name() {
                return "raw SDK (Query Limit 100, LastEvaluatedKey, hand mapping)";
            }

            @Override
            CompletableFuture<Page<Map<String, AttributeValue>>> page(Map<String, AttributeValue> from) {
                QueryRequest request = from == null
                        ? first
                        : first.toBuilder().exclusiveStartKey(from).build();
                return client.query(request).thenApply(response -> {
                    List<Order> read = new ArrayList<>(response.items().size());
                    for (Map<String, AttributeValue> item : response.items()) {
                        read.add(RawSdkContender.fromItem(item));
                    }
                    boolean more = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty();
                    return new Page<>(read.size(), more ? response.lastEvaluatedKey() : null);
                });
            }
        };
    }

    /** Ours: {@code query} with a page size, continuation tokens, Jackson mapping to records. */
    static QueryPageWorkload<String> provider(
            DynamoDbPersistenceProvider provider, String partition, int pages, int orders) {
        CloudQuery first = CloudQuery.builder()
                .partitionKey(PartitionKey.of(partition))
                .limit(PAGE_SIZE)
                .build();
        return new QueryPageWorkload<>(pages, orders) {
            @Override
            public String name() {
                return "Excalibur provider query (limit 100, continuation tokens, records)";
            }

            @Override
            CompletableFuture<Page<String>> page(String from) {
                CloudQuery query = from == null ? first : first.withContinuationToken(from);
                return provider.query(query, Order.class)
                        .thenApply((CloudQueryResult<Order> result) ->
                                new Page<>(result.documents().size(), result.continuationToken()));
            }
        };
    }

    /** Reads the page starting at {@code from} (null: the first page). */
    abstract CompletableFuture<Page<P>> page(P from);

    /** Reads the partition from its start; completes with the number of orders read. */
    @Override
    public final CompletableFuture<Integer> call(int n) {
        return follow(null, 0, 0);
    }

    /** Pages one call reads. */
    final int pages() {
        return pages;
    }

    private CompletableFuture<Integer> follow(P from, int pagesRead, int ordersRead) {
        return page(from).thenCompose(page -> {
            int pagesNow = pagesRead + 1;
            int ordersNow = ordersRead + page.orders();
            Contender.require(page.orders() > 0, name() + ": page " + pagesNow + " held orders");
            if (page.next() != null && pagesNow < pages) {
                return follow(page.next(), pagesNow, ordersNow);
            }
            Contender.require(
                    pagesNow == pages && ordersNow == orders,
                    name() + " read " + pagesNow + " pages of " + ordersNow + " orders, expected " + pages
                            + " pages of " + orders);
            return CompletableFuture.completedFuture(ordersNow);
        });
    }
}
