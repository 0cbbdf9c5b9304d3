package dev.excalibur.dynamodb.spring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Excalibur DynamoDB provider and its stores, under {@code excalibur.dynamodb}.
 * A setting left unset keeps the library's default (of {@code DynamoDbOptions} and the stores' options).
 */
@ConfigurationProperties(prefix = "excalibur.dynamodb")
public class ExcaliburDynamoDbProperties {

    /**
     * Development and tests only: run the embedded engine in-process (dev.excalibur:excalibur-dynamodb-test
     * must be on the class path) and point the provider, stores and CDC at it. No Docker, no AWS account.
     */
    private boolean embedded;
    /** Name of the provider, as it appears in logs and health; default DynamoDb (the library's). */
    private @Nullable String name;
    /** AWS region, for example eu-west-1. Region or endpoint is required unless a DynamoDbAsyncClient bean is defined. */
    private @Nullable String region;
    /** Endpoint override, for example http://localhost:8000 for a local engine (the Excalibur engine jar). */
    private @Nullable String endpoint;
    /** Static access key; leave unset to use the default AWS credentials chain. */
    private @Nullable String accessKey;
    /** Static secret key, with access-key. Never logged. */
    private @Nullable String secretKey;
    /** Documents table, before the prefix. */
    private @Nullable String tableName;
    /** Prefix put in front of every table name (provider and stores); default none. */
    private @Nullable String tablePrefix;
    /** Partition key attribute of the documents table; default pk (the library's). */
    private @Nullable String partitionKeyAttribute;
    /** Sort key attribute (the document id) of the documents table; default sk (the library's). */
    private @Nullable String sortKeyAttribute;
    /** Read strongly consistent by default; default false (the library's). */
    private @Nullable Boolean useConsistentReads;
    /** Timeout of one DynamoDB request; default 30s (the library's). */
    private @Nullable Duration requestTimeout;
    /** Retries of throttled, 5xx and conflicting calls; default 3 (the library's). */
    private @Nullable Integer maxRetryAttempts;
    /**
     * Create missing tables (on demand, with a stream and TTL as configured) instead of failing;
     * default false (the library's).
     */
    private @Nullable Boolean createTablesIfMissing;
    /** Snapshot store settings. */
    private final Snapshots snapshots = new Snapshots();
    /** Authorization (grant) store settings. */
    private final Authorization authorization = new Authorization();

    /** What every store has: a switch and a table. */
    public static class Store {
        /** Register the store's bean. */
        private boolean enabled;
        /**
         * The store's table, before the prefix; default Snapshots for the snapshot store and
         * AuthGrants for the grant store (the library's).
         */
        private @Nullable String tableName;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getTableName() {
            return tableName;
        }

        public void setTableName(@Nullable String tableName) {
            this.tableName = tableName;
        }
    }

    /** The snapshot store (a DynamoDbSnapshotStore bean): {@code excalibur.dynamodb.snapshots.*}. */
    public static class Snapshots extends Store {
        /** How long a snapshot is kept; unset keeps it forever. */
        private @Nullable Duration retention;
        /** TTL attribute written with a retention (epoch seconds); default ttl (the library's). */
        private @Nullable String ttlAttribute;

        public @Nullable Duration getRetention() {
            return retention;
        }

        public void setRetention(@Nullable Duration retention) {
            this.retention = retention;
        }

        public @Nullable String getTtlAttribute() {
            return ttlAttribute;
        }

        public void setTtlAttribute(@Nullable String ttlAttribute) {
            this.ttlAttribute = ttlAttribute;
        }
    }

    /** The grant store (a DynamoDbGrantStore bean, grants and activity-group grants): {@code excalibur.dynamodb.authorization.*}. */
    public static class Authorization extends Store {}

    public boolean isEmbedded() {
        return embedded;
    }

    public void setEmbedded(boolean embedded) {
        this.embedded = embedded;
    }

    public @Nullable String getName() {
        return name;
    }

    public void setName(@Nullable String name) {
        this.name = name;
    }

    public @Nullable String getRegion() {
        return region;
    }

    public void setRegion(@Nullable String region) {
        this.region = region;
    }

    public @Nullable String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(@Nullable String endpoint) {
        this.endpoint = endpoint;
    }

    public @Nullable String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(@Nullable String accessKey) {
        this.accessKey = accessKey;
    }

    public @Nullable String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(@Nullable String secretKey) {
        this.secretKey = secretKey;
    }

    public @Nullable String getTableName() {
        return tableName;
    }

    public void setTableName(@Nullable String tableName) {
        this.tableName = tableName;
    }

    public @Nullable String getTablePrefix() {
        return tablePrefix;
    }

    public void setTablePrefix(@Nullable String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    public @Nullable String getPartitionKeyAttribute() {
        return partitionKeyAttribute;
    }

    public void setPartitionKeyAttribute(@Nullable String partitionKeyAttribute) {
        this.partitionKeyAttribute = partitionKeyAttribute;
    }

    public @Nullable String getSortKeyAttribute() {
        return sortKeyAttribute;
    }

    public void setSortKeyAttribute(@Nullable String sortKeyAttribute) {
        this.sortKeyAttribute = sortKeyAttribute;
    }

    public @Nullable Boolean getUseConsistentReads() {
        return useConsistentReads;
    }

    public void setUseConsistentReads(@Nullable Boolean useConsistentReads) {
        this.useConsistentReads = useConsistentReads;
    }

    public @Nullable Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(@Nullable Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public @Nullable Integer getMaxRetryAttempts() {
        return maxRetryAttempts;
    }

    public void setMaxRetryAttempts(@Nullable Integer maxRetryAttempts) {
        this.maxRetryAttempts = maxRetryAttempts;
    }

    public @Nullable Boolean getCreateTablesIfMissing() {
        return createTablesIfMissing;
    }

    public void setCreateTablesIfMissing(@Nullable Boolean createTablesIfMissing) {
        this.createTablesIfMissing = createTablesIfMissing;
    }

    public Snapshots getSnapshots() {
        return snapshots;
    }

    public Authorization getAuthorization() {
        return authorization;
    }
}
