package dev.excalibur.data.dynamodb;

import dev.excalibur.data.InvalidOptionsException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Immutable settings of the DynamoDB provider. Build with {@link #builder()} or bind from a
 * configuration section with {@link Builder#configuration(Map, String)}; {@link Builder#build()}
 * reports every invalid setting at once.
 *
 * <p>The table the provider uses is {@link #tablePrefix()} + {@link #tableName()}; it has a string
 * partition key ({@link #partitionKeyAttribute()}) and a string sort key holding the document id
 * ({@link #sortKeyAttribute()}). The provider owns the {@link #etagAttribute()}.
 */
public final class DynamoDbOptions {

    /** The configuration section read by default, as in the .NET package. */
    public static final String DEFAULT_SECTION = "DynamoDb";

    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Pattern TABLE_NAME_CHARS = Pattern.compile("[a-zA-Z0-9_.-]*");

    private final String name;
    private final @Nullable String region;
    private final @Nullable URI serviceUrl;
    private final @Nullable String accessKey;
    private final @Nullable String secretKey;
    private final String tableName;
    private final String tablePrefix;
    private final String partitionKeyAttribute;
    private final String sortKeyAttribute;
    private final String etagAttribute;
    private final boolean useConsistentReads;
    private final Duration requestTimeout;
    private final int maxRetryAttempts;
    private final int bulkConcurrency;
    private final Duration retryBaseDelay;
    private final Duration retryMaxDelay;
    private final boolean createTablesIfMissing;
    private final @Nullable StreamViewType streamViewType;
    private final @Nullable String ttlAttribute;

    private DynamoDbOptions(Builder b) {
        name = b.name;
        region = b.region;
        serviceUrl = b.serviceUrl;
        accessKey = b.accessKey;
        secretKey = b.secretKey;
        tableName = b.tableName;
        tablePrefix = b.tablePrefix;
        partitionKeyAttribute = b.partitionKeyAttribute;
        sortKeyAttribute = b.sortKeyAttribute;
        etagAttribute = b.etagAttribute;
        useConsistentReads = b.useConsistentReads;
        requestTimeout = b.requestTimeout;
        maxRetryAttempts = b.maxRetryAttempts;
        bulkConcurrency = b.bulkConcurrency;
        retryBaseDelay = b.retryBaseDelay;
        retryMaxDelay = b.retryMaxDelay;
        createTablesIfMissing = b.createTablesIfMissing;
        streamViewType = b.streamViewType;
        ttlAttribute = b.ttlAttribute;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The provider's name; default {@code "DynamoDb"}. */
    public String name() {
        return name;
    }

    /** The AWS region, or null when only {@link #serviceUrl()} is set. */
    public @Nullable String region() {
        return region;
    }

    /** The endpoint override (for example a local engine), or null. */
    public @Nullable URI serviceUrl() {
        return serviceUrl;
    }

    /** The static access key, or null to use the default credentials chain. */
    public @Nullable String accessKey() {
        return accessKey;
    }

    /** The static secret key, or null to use the default credentials chain. */
    public @Nullable String secretKey() {
        return secretKey;
    }

    /** The table name without prefix. */
    public String tableName() {
        return tableName;
    }

    /** The prefix put before every table name; default empty. */
    public String tablePrefix() {
        return tablePrefix;
    }

    /** The table name as used in DynamoDB: prefix + name. */
    public String qualifiedTableName() {
        return tablePrefix + tableName;
    }

    /** The prefixed name of any table of this application, for the stores that have their own. */
    public String qualify(String table) {
        return tablePrefix + table;
    }

    /** The partition key attribute; default {@code "pk"}. */
    public String partitionKeyAttribute() {
        return partitionKeyAttribute;
    }

    /** The sort key attribute, holding the document id; default {@code "sk"}. */
    public String sortKeyAttribute() {
        return sortKeyAttribute;
    }

    /** The attribute holding the ETag the provider maintains; default {@code "_etag"}. */
    public String etagAttribute() {
        return etagAttribute;
    }

    /** Whether every read is strongly consistent; default false. */
    public boolean useConsistentReads() {
        return useConsistentReads;
    }

    /** The time allowed for one API call, retries included; default 30 s. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Requests a bulk write or read keeps in flight at once; default 4. */
    public int bulkConcurrency() {
        return bulkConcurrency;
    }

    /** Retries after a throttling, 5xx or transaction-conflict failure; default 3. */
    public int maxRetryAttempts() {
        return maxRetryAttempts;
    }

    /** The first retry's backoff ceiling, doubled each retry (full jitter); default 50 ms. */
    public Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    /** The largest backoff between two attempts; default 5 s. */
    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    /** Whether missing tables are created (on demand capacity) and awaited; default false (verify only). */
    public boolean createTablesIfMissing() {
        return createTablesIfMissing;
    }

    /** The stream view type for created tables, or null for no stream; default {@code NEW_AND_OLD_IMAGES}. */
    public @Nullable StreamViewType streamViewType() {
        return streamViewType;
    }

    /** The TTL attribute (epoch seconds) enabled on created tables, or null for none. */
    public @Nullable String ttlAttribute() {
        return ttlAttribute;
    }

    @Override
    public String toString() {
        return "DynamoDbOptions{name=" + name + ", region=" + region + ", serviceUrl=" + serviceUrl
                + ", credentials=" + (accessKey == null ? "default chain" : "static (" + accessKey + ", secret hidden)")
                + ", table=" + qualifiedTableName() + ", keys=" + partitionKeyAttribute + "/" + sortKeyAttribute
                + ", etag=" + etagAttribute + ", consistentReads=" + useConsistentReads
                + ", requestTimeout=" + requestTimeout + ", maxRetryAttempts=" + maxRetryAttempts
                + ", bulkConcurrency=" + bulkConcurrency
                + ", createTablesIfMissing=" + createTablesIfMissing + ", stream=" + streamViewType
                + ", ttl=" + ttlAttribute + "}";
    }

    /** Mutable builder of {@link DynamoDbOptions}; not thread-safe. */
    public static final class Builder {
        private String name = "DynamoDb";
        private @Nullable String region;
        private @Nullable URI serviceUrl;
        private @Nullable String accessKey;
        private @Nullable String secretKey;
        private @Nullable String tableName;
        private String tablePrefix = "";
        private String partitionKeyAttribute = "pk";
        private String sortKeyAttribute = "sk";
        private String etagAttribute = "_etag";
        private boolean useConsistentReads;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxRetryAttempts = 3;
        private int bulkConcurrency = 4;
        private Duration retryBaseDelay = Duration.ofMillis(50);
        private Duration retryMaxDelay = Duration.ofSeconds(5);
        private boolean createTablesIfMissing;
        private @Nullable StreamViewType streamViewType = StreamViewType.NEW_AND_OLD_IMAGES;
        private @Nullable String ttlAttribute;
        private final List<String> bindingProblems = new ArrayList<>();

        private Builder() {}

        private Builder(DynamoDbOptions o) {
            name = o.name;
            region = o.region;
            serviceUrl = o.serviceUrl;
            accessKey = o.accessKey;
            secretKey = o.secretKey;
            tableName = o.tableName;
            tablePrefix = o.tablePrefix;
            partitionKeyAttribute = o.partitionKeyAttribute;
            sortKeyAttribute = o.sortKeyAttribute;
            etagAttribute = o.etagAttribute;
            useConsistentReads = o.useConsistentReads;
            requestTimeout = o.requestTimeout;
            maxRetryAttempts = o.maxRetryAttempts;
            bulkConcurrency = o.bulkConcurrency;
            retryBaseDelay = o.retryBaseDelay;
            retryMaxDelay = o.retryMaxDelay;
            createTablesIfMissing = o.createTablesIfMissing;
            streamViewType = o.streamViewType;
            ttlAttribute = o.ttlAttribute;
        }

        /** See {@link DynamoDbOptions#name()}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** See {@link DynamoDbOptions#region()}. */
        public Builder region(@Nullable String region) {
            this.region = region;
            return this;
        }

        /** See {@link DynamoDbOptions#serviceUrl()}. */
        public Builder serviceUrl(@Nullable URI serviceUrl) {
            this.serviceUrl = serviceUrl;
            return this;
        }

        /** See {@link DynamoDbOptions#serviceUrl()}. */
        public Builder serviceUrl(@Nullable String serviceUrl) {
            try {
                this.serviceUrl = serviceUrl == null ? null : URI.create(serviceUrl);
            } catch (IllegalArgumentException e) {
                bindingProblems.add("serviceUrl '" + serviceUrl + "' is not a valid URI: " + e.getMessage());
            }
            return this;
        }

        /** Static credentials; both or neither. */
        public Builder credentials(@Nullable String accessKey, @Nullable String secretKey) {
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            return this;
        }

        Builder accessKey(@Nullable String accessKey) {
            this.accessKey = accessKey;
            return this;
        }

        Builder secretKey(@Nullable String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** See {@link DynamoDbOptions#tableName()}. */
        public Builder tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** See {@link DynamoDbOptions#tablePrefix()}. */
        public Builder tablePrefix(@Nullable String tablePrefix) {
            this.tablePrefix = tablePrefix == null ? "" : tablePrefix;
            return this;
        }

        /** See {@link DynamoDbOptions#partitionKeyAttribute()}. */
        public Builder partitionKeyAttribute(String attribute) {
            this.partitionKeyAttribute = attribute;
            return this;
        }

        /** See {@link DynamoDbOptions#sortKeyAttribute()}. */
        public Builder sortKeyAttribute(String attribute) {
            this.sortKeyAttribute = attribute;
            return this;
        }

        /** See {@link DynamoDbOptions#etagAttribute()}. */
        public Builder etagAttribute(String attribute) {
            this.etagAttribute = attribute;
            return this;
        }

        /** See {@link DynamoDbOptions#useConsistentReads()}. */
        public Builder useConsistentReads(boolean useConsistentReads) {
            this.useConsistentReads = useConsistentReads;
            return this;
        }

        /** See {@link DynamoDbOptions#requestTimeout()}. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** See {@link DynamoDbOptions#bulkConcurrency()}. */
        public Builder bulkConcurrency(int bulkConcurrency) {
            this.bulkConcurrency = bulkConcurrency;
            return this;
        }

        /** See {@link DynamoDbOptions#maxRetryAttempts()}. */
        public Builder maxRetryAttempts(int maxRetryAttempts) {
            this.maxRetryAttempts = maxRetryAttempts;
            return this;
        }

        /** See {@link DynamoDbOptions#retryBaseDelay()}. */
        public Builder retryBaseDelay(Duration retryBaseDelay) {
            this.retryBaseDelay = retryBaseDelay;
            return this;
        }

        /** See {@link DynamoDbOptions#retryMaxDelay()}. */
        public Builder retryMaxDelay(Duration retryMaxDelay) {
            this.retryMaxDelay = retryMaxDelay;
            return this;
        }

        /** See {@link DynamoDbOptions#createTablesIfMissing()}. */
        public Builder createTablesIfMissing(boolean createTablesIfMissing) {
            this.createTablesIfMissing = createTablesIfMissing;
            return this;
        }

        /** See {@link DynamoDbOptions#streamViewType()}; null disables the stream on created tables. */
        public Builder streamViewType(@Nullable StreamViewType streamViewType) {
            this.streamViewType = streamViewType;
            return this;
        }

        /** See {@link DynamoDbOptions#ttlAttribute()}. */
        public Builder ttlAttribute(@Nullable String ttlAttribute) {
            this.ttlAttribute = ttlAttribute;
            return this;
        }

        /**
         * Binds the keys of one configuration section, for example {@code DynamoDb.Region} or
         * {@code DynamoDb:TablePrefix}. Key names ignore case, dashes and underscores
         * ({@code table-prefix}, {@code TablePrefix} and {@code table_prefix} are one key).
         * Keys outside the section are ignored; unknown keys and unreadable values are reported by
         * {@link #build()} together with every other problem.
         */
        public Builder configuration(Map<String, ?> configuration, String section) {
            Objects.requireNonNull(configuration, "configuration must not be null");
            Objects.requireNonNull(section, "section must not be null");
            OptionsBinder.bind(configuration, section, this, bindingProblems::add);
            return this;
        }

        /** Binds the {@value DynamoDbOptions#DEFAULT_SECTION} section; see {@link #configuration(Map, String)}. */
        public Builder configuration(Map<String, ?> configuration) {
            return configuration(configuration, DEFAULT_SECTION);
        }

        /**
         * Validates and builds, requiring a region or a service URL.
         *
         * @throws InvalidOptionsException listing every problem
         */
        public DynamoDbOptions build() {
            return build(true);
        }

        DynamoDbOptions build(boolean connectionRequired) {
            List<String> problems = new ArrayList<>(bindingProblems);
            if (isBlank(name)) {
                problems.add("name must not be blank");
            }
            if (connectionRequired && isBlank(region) && serviceUrl == null) {
                problems.add(
                        "Region or ServiceUrl is required (set region, e.g. \"us-east-1\", or serviceUrl, e.g. \"http://localhost:8000\")");
            }
            if (serviceUrl != null && (!serviceUrl.isAbsolute() || serviceUrl.getHost() == null)) {
                problems.add("serviceUrl '" + serviceUrl
                        + "' must be an absolute URL with a host, e.g. http://localhost:8000");
            }
            if (isBlank(accessKey) != isBlank(secretKey)) {
                problems.add(
                        "accessKey and secretKey must be set together (or neither, for the default credentials chain)");
            }
            if (isBlank(tableName)) {
                problems.add("tableName is required");
            } else if (!TABLE_NAME.matcher(tablePrefix + tableName).matches()) {
                problems.add("table name '" + tablePrefix + tableName
                        + "' (prefix + name) must be 3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.'");
            }
            if (!TABLE_NAME_CHARS.matcher(tablePrefix).matches()) {
                problems.add("tablePrefix '" + tablePrefix + "' may only contain a-z, A-Z, 0-9, '_', '-', '.'");
            }
            checkAttribute(problems, "partitionKeyAttribute", partitionKeyAttribute);
            checkAttribute(problems, "sortKeyAttribute", sortKeyAttribute);
            checkAttribute(problems, "etagAttribute", etagAttribute);
            if (ttlAttribute != null) {
                checkAttribute(problems, "ttlAttribute", ttlAttribute);
            }
            List<String> attributes = new ArrayList<>();
            for (String attribute :
                    new String[] {partitionKeyAttribute, sortKeyAttribute, etagAttribute, ttlAttribute}) {
                if (attribute != null && !attribute.isBlank()) {
                    if (attributes.contains(attribute)) {
                        problems.add("attribute '" + attribute
                                + "' is used for two purposes; key, ETag and TTL attributes must differ");
                    }
                    attributes.add(attribute);
                }
            }
            if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
                problems.add("requestTimeout must be positive, was " + requestTimeout);
            }
            if (bulkConcurrency < 1 || bulkConcurrency > 64) {
                problems.add("bulkConcurrency must be between 1 and 64, was " + bulkConcurrency);
            }
            if (maxRetryAttempts < 0 || maxRetryAttempts > 20) {
                problems.add("maxRetryAttempts must be between 0 and 20, was " + maxRetryAttempts);
            }
            if (retryBaseDelay == null || retryBaseDelay.isNegative() || retryBaseDelay.isZero()) {
                problems.add("retryBaseDelay must be positive, was " + retryBaseDelay);
            } else if (retryMaxDelay == null || retryMaxDelay.compareTo(retryBaseDelay) < 0) {
                problems.add(
                        "retryMaxDelay must be at least retryBaseDelay (" + retryBaseDelay + "), was " + retryMaxDelay);
            }
            if (!problems.isEmpty()) {
                throw new InvalidOptionsException("DynamoDB options", problems);
            }
            return new DynamoDbOptions(this);
        }

        private static void checkAttribute(List<String> problems, String option, @Nullable String value) {
            if (isBlank(value)) {
                problems.add(option + " must not be blank");
            } else if (value.length() > 255) {
                problems.add(option + " must be at most 255 characters, was " + value.length());
            }
        }

        private static boolean isBlank(@Nullable String value) {
            return value == null || value.isBlank();
        }
    }
}
