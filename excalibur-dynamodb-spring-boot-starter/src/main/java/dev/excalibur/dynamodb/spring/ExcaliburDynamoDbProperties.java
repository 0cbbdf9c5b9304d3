package dev.excalibur.dynamodb.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

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
    private String name;
    /** AWS region, for example eu-west-1. Region or endpoint is required unless a DynamoDbAsyncClient bean is defined. */
    private String region;
    /** Endpoint override, for example http://localhost:8000 for a local engine (the Excalibur engine jar). */
    private String endpoint;
    /** Static access key; leave unset to use the default AWS credentials chain. */
    private String accessKey;
    /** Static secret key, with access-key. Never logged. */
    private String secretKey;
    /** Documents table, before the prefix. */
    private String tableName;
    /** Prefix put in front of every table name (provider and stores); default none. */
    private String tablePrefix;
    /** Partition key attribute of the documents table; default pk (the library's). */
    private String partitionKeyAttribute;
    /** Sort key attribute (the document id) of the documents table; default sk (the library's). */
    private String sortKeyAttribute;
    /** Read strongly consistent by default; default false (the library's). */
    private Boolean useConsistentReads;
    /** Timeout of one DynamoDB request; default 30s (the library's). */
    private Duration requestTimeout;
    /** Retries of throttled, 5xx and conflicting calls; default 3 (the library's). */
    private Integer maxRetryAttempts;
    /**
     * Create missing tables (on demand, with a stream and TTL as configured) instead of failing;
     * default false (the library's).
     */
    private Boolean createTablesIfMissing;
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
        private String tableName;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getTableName() {
            return tableName;
        }

        public void setTableName(String tableName) {
            this.tableName = tableName;
        }
    }

    /** The snapshot store (a DynamoDbSnapshotStore bean): {@code excalibur.dynamodb.snapshots.*}. */
    public static class Snapshots extends Store {
        /** How long a snapshot is kept; unset keeps it forever. */
        private Duration retention;
        /** TTL attribute written with a retention (epoch seconds); default ttl (the library's). */
        private String ttlAttribute;

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public String getTtlAttribute() {
            return ttlAttribute;
        }

        public void setTtlAttribute(String ttlAttribute) {
            this.ttlAttribute = ttlAttribute;
        }
    }

    /** The grant store (a DynamoDbGrantStore bean, grants and activity-group grants): {@code excalibur.dynamodb.authorization.*}. */
    public static class Authorization extends Store {
    }

    public boolean isEmbedded() {
        return embedded;
    }

    public void setEmbedded(boolean embedded) {
        this.embedded = embedded;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getTableName() {
        return tableName;
    }

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    public String getTablePrefix() {
        return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }

    public String getPartitionKeyAttribute() {
        return partitionKeyAttribute;
    }

    public void setPartitionKeyAttribute(String partitionKeyAttribute) {
        this.partitionKeyAttribute = partitionKeyAttribute;
    }

    public String getSortKeyAttribute() {
        return sortKeyAttribute;
    }

    public void setSortKeyAttribute(String sortKeyAttribute) {
        this.sortKeyAttribute = sortKeyAttribute;
    }

    public Boolean getUseConsistentReads() {
        return useConsistentReads;
    }

    public void setUseConsistentReads(Boolean useConsistentReads) {
        this.useConsistentReads = useConsistentReads;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Integer getMaxRetryAttempts() {
        return maxRetryAttempts;
    }

    public void setMaxRetryAttempts(Integer maxRetryAttempts) {
        this.maxRetryAttempts = maxRetryAttempts;
    }

    public Boolean getCreateTablesIfMissing() {
        return createTablesIfMissing;
    }

    public void setCreateTablesIfMissing(Boolean createTablesIfMissing) {
        this.createTablesIfMissing = createTablesIfMissing;
    }

    public Snapshots getSnapshots() {
        return snapshots;
    }

    public Authorization getAuthorization() {
        return authorization;
    }
}
