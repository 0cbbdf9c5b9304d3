package dev.excalibur.data.dynamodb.grants;

import dev.excalibur.data.InternalApi;
import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.data.authorization.ActivityGroupGrantStore;
import dev.excalibur.data.authorization.Grant;
import dev.excalibur.data.authorization.GrantStore;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceException;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.dynamodb.internal.Calls;
import dev.excalibur.data.dynamodb.internal.StoreKeys;
import dev.excalibur.data.dynamodb.internal.StoreOptionChecks;
import dev.excalibur.data.dynamodb.internal.StoreTables;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Grants and activity-group grants in one DynamoDB table (default {@code AuthGrants}, the
 * provider's prefix applied, created with its index if missing when the provider may create
 * tables). A user's grants share a partition ({@code USER#<user>}); the sort key holds the tenant,
 * type and qualifier with length prefixes, so no id (with {@code #} or {@code :} in it) or tenant
 * named like the no-tenant marker can meet another. A user's look-ups are queries of that
 * partition. Activity-group grants are grants like the others for every read; they also carry
 * the keys of a sparse index by grant type, which serves "every user of a type" and "delete all
 * of a type" without a scan. Expired and revoked grants never answer as active, whatever DynamoDB's
 * TTL has done. Every call is retried, timed and its failures reported as the provider's are.
 * Obtain one with {@link DynamoDbPersistenceProvider#grantStore}.
 */
public final class DynamoDbGrantStore implements GrantStore, ActivityGroupGrantStore {

    /** The table name used when none is given (before the prefix). */
    public static final String DEFAULT_TABLE_NAME = "AuthGrants";
    /** The index of activity-group grants by grant type. */
    public static final String ACTIVITY_GROUP_INDEX = "ActivityGroupIndex";

    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String GROUP_TYPE = "activityGroupType";
    private static final String GROUP_USER = "activityGroupUser";
    private static final String SOURCE_GROUP = "activity-group";
    private static final int BATCH = 25;

    private final Calls calls;
    private final Clock clock;

    /**
     * Used by {@link DynamoDbPersistenceProvider#grantStore(Consumer)}.
     *
     * @throws InvalidOptionsException listing every invalid setting
     */
    @InternalApi
    public DynamoDbGrantStore(StoreTables tables, Consumer<Options> configure) {
        Options store = new Options();
        configure.accept(store);
        store.validate();
        this.clock = store.clock;
        this.calls = tables.open(
                store.tableName,
                PK,
                SK,
                null,
                new StoreTables.Index(ACTIVITY_GROUP_INDEX, GROUP_TYPE, GROUP_USER, List.of("expiresOn", "revoked")));
    }

    /** The table (prefix applied). */
    public String tableName() {
        return calls.table();
    }

    @Override
    public CompletableFuture<Optional<Grant>> getGrant(
            String userId, @Nullable String tenantId, String grantType, String qualifier) {
        Map<String, AttributeValue> key = key(userId, tenantId, grantType, qualifier);
        return calls.call(
                "getGrant",
                () -> calls.client()
                        .getItem(b -> b.tableName(calls.table()).key(key).consistentRead(true)),
                response -> response.hasItem()
                                && !response.item().isEmpty()
                                && active(response.item(), clock.instant(), false)
                        ? Optional.of(grant(response.item()))
                        : Optional.<Grant>empty(),
                null);
    }

    @Override
    public CompletableFuture<List<Grant>> getGrants(String userId, boolean includeExpired) {
        return grants("getGrants", userId, null, false, includeExpired);
    }

    @Override
    public CompletableFuture<List<Grant>> getGrants(String userId, @Nullable String tenantId, boolean includeExpired) {
        return grants("getTenantGrants", userId, tenantId, true, includeExpired);
    }

    private CompletableFuture<List<Grant>> grants(
            String operation, String userId, @Nullable String tenantId, boolean oneTenant, boolean includeExpired) {
        StoreKeys.require(userId, "userId");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", AttributeValue.fromS(partition(userId)));
        String condition = "#pk = :pk";
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK));
        if (oneTenant) {
            condition += " AND begins_with(#sk, :tenant)";
            names.put("#sk", SK);
            values.put(":tenant", AttributeValue.fromS("GRANT#" + StoreKeys.lengthPrefixed(tenant(tenantId)) + "#"));
        }
        QueryRequest query = QueryRequest.builder()
                .tableName(calls.table())
                .consistentRead(true)
                .keyConditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
        Instant now = clock.instant();
        List<Grant> grants = new ArrayList<>();
        return calls.observe(
                operation,
                () -> queryAll(operation, query, item -> {
                            if (active(item, now, includeExpired)) {
                                grants.add(grant(item));
                            }
                        })
                        .thenApply(done -> List.copyOf(grants)));
    }

    @Override
    public CompletableFuture<Void> saveGrant(Grant grant) {
        Objects.requireNonNull(grant, "grant must not be null");
        return put("saveGrant", item(grant, false));
    }

    @Override
    public CompletableFuture<Boolean> revokeGrant(
            String userId,
            @Nullable String tenantId,
            String grantType,
            String qualifier,
            String revokedBy,
            Instant revokedOn) {
        Map<String, AttributeValue> key = key(userId, tenantId, grantType, qualifier);
        StoreKeys.require(revokedBy, "revokedBy");
        Objects.requireNonNull(revokedOn, "revokedOn must not be null");
        return calls.call(
                "revokeGrant",
                () -> calls.client()
                        .updateItem(b -> b.tableName(calls.table())
                                .key(key)
                                .updateExpression("SET revoked = :true, revokedBy = :by, revokedOn = :on")
                                .conditionExpression("attribute_exists(#pk)")
                                .expressionAttributeNames(Map.of("#pk", PK))
                                .expressionAttributeValues(Map.of(
                                        ":true",
                                        AttributeValue.fromBool(true),
                                        ":by",
                                        AttributeValue.fromS(revokedBy),
                                        ":on",
                                        AttributeValue.fromS(revokedOn.toString())))),
                response -> true,
                error -> error instanceof ConditionalCheckFailedException ? false : null);
    }

    @Override
    public CompletableFuture<Void> insertActivityGroupGrant(
            String userId,
            @Nullable String fullName,
            @Nullable String tenantId,
            String grantType,
            String qualifier,
            @Nullable Instant expiresOn,
            String grantedBy) {
        Grant grant =
                new Grant(userId, fullName, tenantId, grantType, qualifier, expiresOn, grantedBy, clock.instant());
        return put("insertActivityGroupGrant", item(grant, true));
    }

    @Override
    public CompletableFuture<Integer> deleteActivityGroupGrantsByUser(String userId, String grantType) {
        StoreKeys.require(userId, "userId");
        StoreKeys.require(grantType, "grantType");
        QueryRequest query = QueryRequest.builder()
                .tableName(calls.table())
                .indexName(ACTIVITY_GROUP_INDEX)
                .keyConditionExpression("#type = :type AND #user = :user")
                .expressionAttributeNames(Map.of("#type", GROUP_TYPE, "#user", GROUP_USER))
                .expressionAttributeValues(
                        Map.of(":type", AttributeValue.fromS(grantType), ":user", AttributeValue.fromS(userId)))
                .build();
        return deleteMatches("deleteActivityGroupGrantsByUser", query);
    }

    @Override
    public CompletableFuture<Integer> deleteAllActivityGroupGrants(String grantType) {
        StoreKeys.require(grantType, "grantType");
        return deleteMatches("deleteAllActivityGroupGrants", byGroupType(grantType));
    }

    @Override
    public CompletableFuture<Set<String>> getDistinctActivityGroupGrantUserIds(String grantType) {
        StoreKeys.require(grantType, "grantType");
        Set<String> users = new LinkedHashSet<>();
        Instant now = clock.instant();
        String operation = "getDistinctActivityGroupGrantUserIds";
        return calls.observe(
                operation,
                () -> queryAll(operation, byGroupType(grantType), item -> {
                            if (active(item, now, false)) {
                                users.add(item.get(GROUP_USER).s());
                            }
                        })
                        .thenApply(done -> Set.copyOf(users)));
    }

    private QueryRequest byGroupType(String grantType) {
        return QueryRequest.builder()
                .tableName(calls.table())
                .indexName(ACTIVITY_GROUP_INDEX)
                .keyConditionExpression("#type = :type")
                .expressionAttributeNames(Map.of("#type", GROUP_TYPE))
                .expressionAttributeValues(Map.of(":type", AttributeValue.fromS(grantType)))
                .build();
    }

    /** Deletes what the index query finds, 25 keys per request, re-sending what DynamoDB leaves unprocessed. */
    private CompletableFuture<Integer> deleteMatches(String operation, QueryRequest query) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        return calls.observe(
                operation,
                () -> queryAll(operation, query, item -> keys.add(Map.of(PK, item.get(PK), SK, item.get(SK))))
                        .thenCompose(done -> {
                            CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
                            for (int from = 0; from < keys.size(); from += BATCH) {
                                List<WriteRequest> deletes =
                                        keys.subList(from, Math.min(keys.size(), from + BATCH)).stream()
                                                .map(k -> WriteRequest.builder()
                                                        .deleteRequest(d -> d.key(k))
                                                        .build())
                                                .toList();
                                all = all.thenCompose(previous -> deleteBatch(operation, deletes, 0));
                            }
                            return all.thenApply(finished -> keys.size());
                        }));
    }

    private CompletableFuture<Void> deleteBatch(String operation, List<WriteRequest> deletes, int round) {
        String table = calls.table();
        return calls.step(
                        operation,
                        () -> calls.client().batchWriteItem(b -> b.requestItems(Map.of(table, deletes))),
                        response -> response.hasUnprocessedItems()
                                ? response.unprocessedItems().getOrDefault(table, List.of())
                                : List.<WriteRequest>of(),
                        null)
                .thenCompose(left -> {
                    if (left.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    if (round >= 10) {
                        return CompletableFuture.failedFuture(new DynamoDbPersistenceException(
                                operation,
                                0,
                                null,
                                left.size() + " grant deletes stayed unprocessed after " + round + " rounds on table '"
                                        + table + "'",
                                null));
                    }
                    return CompletableFuture.supplyAsync(
                                    () -> null,
                                    CompletableFuture.delayedExecutor(
                                            calls.retry().backoffMillis(round), TimeUnit.MILLISECONDS))
                            .thenCompose(waited -> deleteBatch(operation, left, round + 1));
                });
    }

    /** Reads every page of the query, handing each item to {@code each}. */
    private CompletableFuture<Void> queryAll(
            String operation, QueryRequest query, Consumer<Map<String, AttributeValue>> each) {
        return calls.step(operation, () -> calls.client().query(query), response -> response, null)
                .thenCompose(response -> {
                    response.items().forEach(each);
                    return next(response) == null
                            ? CompletableFuture.<Void>completedFuture(null)
                            : queryAll(
                                    operation,
                                    query.toBuilder()
                                            .exclusiveStartKey(next(response))
                                            .build(),
                                    each);
                });
    }

    private static @Nullable Map<String, AttributeValue> next(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? response.lastEvaluatedKey()
                : null;
    }

    private CompletableFuture<Void> put(String operation, Map<String, AttributeValue> item) {
        return calls.call(
                operation,
                () -> calls.client().putItem(b -> b.tableName(calls.table()).item(item)),
                response -> null,
                null);
    }

    private Map<String, AttributeValue> item(Grant grant, boolean activityGroup) {
        Map<String, AttributeValue> item =
                new HashMap<>(key(grant.userId(), grant.tenantId(), grant.grantType(), grant.qualifier()));
        item.put("userId", AttributeValue.fromS(grant.userId()));
        if (grant.fullName() != null) {
            item.put("fullName", AttributeValue.fromS(grant.fullName()));
        }
        if (grant.tenantId() != null) {
            item.put("tenantId", AttributeValue.fromS(grant.tenantId()));
        }
        item.put("grantType", AttributeValue.fromS(grant.grantType()));
        item.put("qualifier", AttributeValue.fromS(grant.qualifier()));
        if (grant.expiresOn() != null) {
            item.put("expiresOn", AttributeValue.fromS(grant.expiresOn().toString()));
        }
        item.put("grantedBy", AttributeValue.fromS(grant.grantedBy()));
        item.put("grantedOn", AttributeValue.fromS(grant.grantedOn().toString()));
        if (activityGroup) {
            item.put("source", AttributeValue.fromS(SOURCE_GROUP));
            item.put(GROUP_TYPE, AttributeValue.fromS(grant.grantType()));
            item.put(GROUP_USER, AttributeValue.fromS(grant.userId()));
        }
        return item;
    }

    private static Grant grant(Map<String, AttributeValue> item) {
        return new Grant(
                item.get("userId").s(),
                text(item.get("fullName")),
                text(item.get("tenantId")),
                item.get("grantType").s(),
                item.get("qualifier").s(),
                instant(item.get("expiresOn")),
                item.get("grantedBy").s(),
                Instant.parse(item.get("grantedOn").s()));
    }

    /** Not revoked, and not expired unless expired ones are wanted. */
    private static boolean active(Map<String, AttributeValue> item, Instant now, boolean includeExpired) {
        AttributeValue revoked = item.get("revoked");
        if (revoked != null && Boolean.TRUE.equals(revoked.bool())) {
            return false;
        }
        Instant expires = instant(item.get("expiresOn"));
        return includeExpired || expires == null || expires.isAfter(now);
    }

    /**
     * The key: partition {@code USER#<user id>}, sort key {@code GRANT#<n>:<tenant>#<n>:<type>#<qualifier>},
     * where no tenant is the empty string and a tenant is {@code t<tenant id>}, so none can pose as the other.
     */
    static Map<String, AttributeValue> key(
            String userId, @Nullable String tenantId, String grantType, String qualifier) {
        StoreKeys.require(userId, "userId");
        StoreKeys.require(grantType, "grantType");
        StoreKeys.require(qualifier, "qualifier");
        return Map.of(
                PK,
                AttributeValue.fromS(partition(userId)),
                SK,
                AttributeValue.fromS("GRANT#" + StoreKeys.lengthPrefixed(tenant(tenantId)) + "#"
                        + StoreKeys.lengthPrefixed(grantType) + "#" + qualifier));
    }

    private static String tenant(@Nullable String tenantId) {
        StoreKeys.requireTenant(tenantId);
        return tenantId == null ? "" : "t" + tenantId;
    }

    private static String partition(String userId) {
        return "USER#" + userId;
    }

    private static @Nullable String text(@Nullable AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static @Nullable Instant instant(@Nullable AttributeValue value) {
        return value == null ? null : Instant.parse(value.s());
    }

    /** The grant store's settings, given to {@link DynamoDbPersistenceProvider#grantStore(java.util.function.Consumer)}. */
    public static final class Options {
        private String tableName = DEFAULT_TABLE_NAME;
        private Clock clock = Clock.systemUTC();

        private Options() {}

        /** The table name before the provider's prefix; default {@code AuthGrants}. */
        public Options tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** The clock expiry is judged by; default the system clock. */
        public Options clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        private void validate() {
            InvalidOptionsException.throwIfAny(
                    "grant store options", StoreOptionChecks.tableAndClock(tableName, clock));
        }
    }
}
