package dev.excalibur.data.cloudnative.query;

import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One query: the documents of a partition (of the table or of a secondary index), optionally
 * narrowed by a sort-key condition and a filter, one page at a time. Immutable; build with
 * {@link #builder()}:
 *
 * <pre>{@code
 * CloudQuery query = CloudQuery.builder()
 *         .partitionKey(PartitionKey.of("customer-42"))
 *         .sortKey(SortKeyCondition.beginsWith("order#2026"))
 *         .filter(Condition.attribute("status").isEqualTo("OPEN"))
 *         .limit(100)
 *         .build();
 * }</pre>
 */
public final class CloudQuery {

    /** The largest page size accepted. */
    public static final int MAX_LIMIT = 10_000;

    private final PartitionKey partitionKey;
    private final @Nullable SortKeyCondition sortKey;
    private final @Nullable Condition filter;
    private final @Nullable String indexName;
    private final @Nullable Integer limit;
    private final boolean descending;
    private final List<String> projection;
    private final @Nullable ConsistencyOptions consistency;
    private final @Nullable String continuationToken;

    private CloudQuery(Builder b) {
        if (b.partitionKey == null) {
            throw new IllegalArgumentException("partitionKey is required");
        }
        if (b.indexName != null && b.indexName.isBlank()) {
            throw new IllegalArgumentException("indexName must be null (the table) or not blank");
        }
        if (b.limit != null && (b.limit < 1 || b.limit > MAX_LIMIT)) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + b.limit);
        }
        if (b.continuationToken != null && b.continuationToken.isBlank()) {
            throw new IllegalArgumentException("continuationToken must be null (first page) or not blank");
        }
        this.partitionKey = b.partitionKey;
        this.sortKey = b.sortKey;
        this.filter = b.filter;
        this.indexName = b.indexName;
        this.limit = b.limit;
        this.descending = b.descending;
        this.projection = b.projection;
        this.consistency = b.consistency;
        this.continuationToken = b.continuationToken;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A query built by the given callback. */
    public static CloudQuery of(Consumer<Builder> configure) {
        Builder builder = builder();
        configure.accept(builder);
        return builder.build();
    }

    /** A builder holding this query's settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The same query from the page after the given token (null: from the first page). */
    public CloudQuery withContinuationToken(@Nullable String token) {
        return toBuilder().continuationToken(token).build();
    }

    /** The partition to read: the table's partition key, or the index's when {@link #indexName()} is set. */
    public PartitionKey partitionKey() {
        return partitionKey;
    }

    /** The sort-key condition, or null for the whole partition. */
    public @Nullable SortKeyCondition sortKey() {
        return sortKey;
    }

    /** The filter applied to each item read, or null. */
    public @Nullable Condition filter() {
        return filter;
    }

    /** The secondary index to query, or null for the table. */
    public @Nullable String indexName() {
        return indexName;
    }

    /** The page size (items read per page, before the filter), or null for the store's maximum. */
    public @Nullable Integer limit() {
        return limit;
    }

    /** Whether the sort key runs from high to low. */
    public boolean descending() {
        return descending;
    }

    /** The top-level attributes to read, or an empty list for whole documents. */
    public List<String> projection() {
        return projection;
    }

    /** The requested consistency, or null for the provider's default. */
    public @Nullable ConsistencyOptions consistency() {
        return consistency;
    }

    /** The token of the page to continue from, or null for the first page. */
    public @Nullable String continuationToken() {
        return continuationToken;
    }

    @Override
    public String toString() {
        return "CloudQuery[partitionKey=" + partitionKey.value() + ", sortKey=" + sortKey + ", filter=" + filter
                + ", index=" + indexName + ", limit=" + limit + ", descending=" + descending
                + ", projection=" + projection + ", consistency=" + consistency
                + ", continued=" + (continuationToken != null) + "]";
    }

    /** Builds a {@link CloudQuery}; only {@link #partitionKey(PartitionKey)} is required. */
    public static final class Builder {
        private @Nullable PartitionKey partitionKey;
        private @Nullable SortKeyCondition sortKey;
        private @Nullable Condition filter;
        private @Nullable String indexName;
        private @Nullable Integer limit;
        private boolean descending;
        private List<String> projection = List.of();
        private @Nullable ConsistencyOptions consistency;
        private @Nullable String continuationToken;

        private Builder() {}

        private Builder(CloudQuery q) {
            partitionKey = q.partitionKey;
            sortKey = q.sortKey;
            filter = q.filter;
            indexName = q.indexName;
            limit = q.limit;
            descending = q.descending;
            projection = q.projection;
            consistency = q.consistency;
            continuationToken = q.continuationToken;
        }

        /** The partition to read (required). */
        public Builder partitionKey(PartitionKey partitionKey) {
            this.partitionKey = Objects.requireNonNull(partitionKey, "partitionKey must not be null");
            return this;
        }

        /** The partition to read, by value. */
        public Builder partitionKey(String value) {
            return partitionKey(PartitionKey.of(value));
        }

        /** Narrows the partition by sort key; null for the whole partition. */
        public Builder sortKey(@Nullable SortKeyCondition sortKey) {
            this.sortKey = sortKey;
            return this;
        }

        /** Keeps only the items matching the condition; null for no filter. */
        public Builder filter(@Nullable Condition filter) {
            this.filter = filter;
            return this;
        }

        /** Queries a secondary index instead of the table; null for the table. */
        public Builder indexName(@Nullable String indexName) {
            this.indexName = indexName;
            return this;
        }

        /** Items read per page (1 to {@value CloudQuery#MAX_LIMIT}); null for the store's maximum. */
        public Builder limit(@Nullable Integer limit) {
            this.limit = limit;
            return this;
        }

        /** Sort key from high to low when true. */
        public Builder descending(boolean descending) {
            this.descending = descending;
            return this;
        }

        /** Reads only these top-level attributes. */
        public Builder projection(String... attributes) {
            return projection(List.of(attributes));
        }

        /** Reads only these top-level attributes; empty for whole documents. */
        public Builder projection(List<String> attributes) {
            for (String attribute : attributes) {
                if (attribute == null || attribute.isEmpty()) {
                    throw new IllegalArgumentException("projection attribute names must not be null or empty");
                }
            }
            this.projection = List.copyOf(attributes);
            return this;
        }

        /** The read consistency; null for the provider's default. */
        public Builder consistency(@Nullable ConsistencyOptions consistency) {
            this.consistency = consistency;
            return this;
        }

        /** Continues after the page that returned this token; null for the first page. */
        public Builder continuationToken(@Nullable String continuationToken) {
            this.continuationToken = continuationToken;
            return this;
        }

        /**
         * The query.
         *
         * @throws IllegalArgumentException when the partition key is missing or a setting is out of range
         */
        public CloudQuery build() {
            return new CloudQuery(this);
        }
    }
}
