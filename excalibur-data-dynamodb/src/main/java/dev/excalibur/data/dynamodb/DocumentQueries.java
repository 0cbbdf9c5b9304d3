package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.data.cloudnative.query.CloudQueryResult;
import dev.excalibur.data.dynamodb.internal.Calls;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The provider's queries and counts: planned against the table's indexes (known once the
 * provider is initialized), one observed operation each, a count reading page after page.
 */
final class DocumentQueries {

    private final Calls calls;
    private final DynamoDbOptions options;
    private final DocumentCodec codec;
    private final Items items;
    private final Supplier<CompletableFuture<Void>> initialize;
    private volatile @Nullable QueryPlanner planner;

    DocumentQueries(
            Calls calls,
            DynamoDbOptions options,
            DocumentCodec codec,
            Items items,
            Supplier<CompletableFuture<Void>> initialize) {
        this.calls = calls;
        this.options = options;
        this.codec = codec;
        this.items = items;
        this.initialize = initialize;
    }

    /** Plans from now on against the indexes of the table as initialization found it. */
    void plan(TableDescription table) {
        planner = new QueryPlanner(
                calls.table(),
                options.partitionKeyAttribute(),
                options.sortKeyAttribute(),
                KeyLayout.indexesOf(table),
                options.useConsistentReads(),
                codec::toAttributeValue);
    }

    <T> CompletableFuture<CloudQueryResult<T>> query(CloudQuery query, Class<T> type) {
        return planned(
                query,
                false,
                plan -> calls.call(
                        "query",
                        () -> calls.client().query(plan.request()),
                        response -> page(response, plan, type),
                        null));
    }

    CompletableFuture<Long> count(CloudQuery query) {
        return planned(query, true, plan -> calls.observe("count", () -> countFrom(plan.request(), 0)));
    }

    /**
     * Plans the query (index layouts come from initialization, so before it the planning waits
     * for it) and runs it; a query the plan refuses throws at once when the provider is initialized.
     */
    private <R> CompletableFuture<R> planned(
            CloudQuery query, boolean count, Function<QueryPlanner.Plan, CompletableFuture<R>> run) {
        Items.requirePartitionKey(query.partitionKey());
        QueryPlanner current = planner;
        if (current == null) {
            return initialize.get().thenCompose(ready -> run.apply(planner.plan(query, count)));
        }
        return run.apply(current.plan(query, count));
    }

    /** Counts page after page; one observation for the whole count (the caller's), not one per page. */
    private CompletableFuture<Long> countFrom(QueryRequest request, long counted) {
        return calls.step("count", () -> calls.client().query(request), response -> response, null)
                .thenCompose(response -> {
                    long total = counted + response.count();
                    return response.hasLastEvaluatedKey()
                                    && !response.lastEvaluatedKey().isEmpty()
                            ? countFrom(
                                    request.toBuilder()
                                            .exclusiveStartKey(response.lastEvaluatedKey())
                                            .build(),
                                    total)
                            : CompletableFuture.completedFuture(total);
                });
    }

    private <T> CloudQueryResult<T> page(QueryResponse response, QueryPlanner.Plan plan, Class<T> type) {
        List<T> documents = new ArrayList<>(response.items().size());
        for (Map<String, AttributeValue> item : response.items()) {
            documents.add(codec.fromItem(item, type, items.bookkeepingAttributes()));
        }
        String token =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                        ? ContinuationTokens.encode(plan.fingerprint(), response.lastEvaluatedKey())
                        : null;
        return new CloudQueryResult<>(documents, Capacity.units(response.consumedCapacity()), token);
    }
}
