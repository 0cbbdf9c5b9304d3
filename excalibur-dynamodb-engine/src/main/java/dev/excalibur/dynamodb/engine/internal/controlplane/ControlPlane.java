package dev.excalibur.dynamodb.engine.internal.controlplane;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.service.ModeledErrors;
import dev.excalibur.dynamodb.engine.internal.streams.ChangeStreams;
import dev.excalibur.dynamodb.engine.internal.tables.Catalog;
import dev.excalibur.dynamodb.engine.internal.tables.IndexDefinition;
import dev.excalibur.dynamodb.engine.internal.tables.KeySchema;
import dev.excalibur.dynamodb.engine.internal.tables.Table;
import dev.excalibur.dynamodb.engine.internal.tables.TableDefinition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.BillingModeSummary;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableClassSummary;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * The control plane: CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables, time to live, tags and
 * continuous backups. Tables and indexes are ACTIVE at once (the engine has no asynchronous provisioning);
 * on-demand tables report a provisioned throughput of 0/0 as the service does. Internal to the engine.
 */
public final class ControlPlane {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Duration TTL_CHANGE_INTERVAL = Duration.ofHours(1);
    private static final String INVALID = "One or more parameter values were invalid: ";

    private final Catalog catalog;
    private final Clock clock;
    private final ChangeStreams streams;
    private final Map<String, Instant> ttlChanges = new ConcurrentHashMap<>();

    public ControlPlane(Catalog catalog, Clock clock, ChangeStreams streams) {
        this.catalog = catalog;
        this.clock = clock;
        this.streams = streams;
    }

    // ---------------------------------------------------------------- CreateTable

    public CreateTableResponse createTable(CreateTableRequest request) {
        String tableName = request.tableName();
        checkTableName(tableName);
        if (!request.hasAttributeDefinitions()) {
            throw validation(notNull("attributeDefinitions"));
        }
        if (!request.hasKeySchema()) {
            throw validation(notNull("keySchema"));
        }
        BillingMode billing = request.billingMode() == null ? BillingMode.PROVISIONED : request.billingMode();
        if (billing == BillingMode.UNKNOWN_TO_SDK_VERSION) {
            throw validation(enumValue(request.billingModeAsString(), "billingMode", "[PROVISIONED, PAY_PER_REQUEST]"));
        }
        ProvisionedThroughput throughput = request.provisionedThroughput();
        checkThroughput(billing, throughput);
        Map<String, ScalarAttributeType> types = attributeTypes(request.attributeDefinitions());
        KeySchema keys = keySchema(request.keySchema(), types);
        String arn = catalog.arnOf(tableName);
        Set<String> indexNames = new HashSet<>();
        Set<String> used = new LinkedHashSet<>(keys.names());
        List<IndexDefinition> locals = new ArrayList<>();
        if (request.hasLocalSecondaryIndexes()) {
            if (request.localSecondaryIndexes().isEmpty()) {
                throw validation(INVALID + "List of LocalSecondaryIndexes is empty");
            }
            if (!keys.hasRange()) {
                throw validation(
                        INVALID
                                + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            for (LocalSecondaryIndex index : request.localSecondaryIndexes()) {
                KeySchema indexKeys = keySchema(index.keySchema(), types);
                if (!indexKeys.hasRange()) {
                    throw validation(
                            INVALID + "Index KeySchema does not have a range key for index: " + index.indexName());
                }
                if (!indexKeys.hashName().equals(keys.hashName())) {
                    throw validation(INVALID
                            + "Index KeySchema does not have the same leading hash key as table KeySchema for index: "
                            + index.indexName() + ". index hash key: " + indexKeys.hashName() + ", table hash key: "
                            + keys.hashName());
                }
                locals.add(index(index.indexName(), false, indexKeys, index.projection(), arn, indexNames));
                used.addAll(indexKeys.names());
            }
            if (locals.size() > 5) {
                throw validation(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5");
            }
        }
        List<IndexDefinition> globals = new ArrayList<>();
        if (request.hasGlobalSecondaryIndexes()) {
            if (request.globalSecondaryIndexes().isEmpty()) {
                throw validation(INVALID + "List of GlobalSecondaryIndexes is empty");
            }
            for (GlobalSecondaryIndex index : request.globalSecondaryIndexes()) {
                KeySchema indexKeys = keySchema(index.keySchema(), types);
                checkIndexThroughput(billing, index.provisionedThroughput(), index.indexName());
                globals.add(index(index.indexName(), true, indexKeys, index.projection(), arn, indexNames));
                used.addAll(indexKeys.names());
            }
            if (globals.size() > 20) {
                throw validation(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20");
            }
        }
        if (!used.containsAll(types.keySet())) {
            if (locals.isEmpty() && globals.isEmpty()) {
                throw validation(
                        INVALID
                                + "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
            }
            throw validation(INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: " + types.keySet()
                    + ", keys used: " + used);
        }
        StreamSpecification stream = checkStream(request.streamSpecification());
        Instant now = clock.instant();
        // Documentation is silent on an attribute defined twice with one type; the engine keeps one definition.
        List<AttributeDefinition> definitions = types.entrySet().stream()
                .map(e -> AttributeDefinition.builder()
                        .attributeName(e.getKey())
                        .attributeType(e.getValue())
                        .build())
                .toList();
        TableDefinition definition = new TableDefinition(
                tableName,
                arn,
                UUID.randomUUID().toString(),
                now,
                keys,
                definitions,
                billing,
                billing == BillingMode.PAY_PER_REQUEST ? now : null,
                throughput == null ? 0 : throughput.readCapacityUnits(),
                throughput == null ? 0 : throughput.writeCapacityUnits(),
                globals,
                locals,
                stream,
                stream != null && Boolean.TRUE.equals(stream.streamEnabled()) ? streams.newLabel(tableName) : null,
                Boolean.TRUE.equals(request.deletionProtectionEnabled()),
                request.tableClass(),
                request.sseSpecification());
        if (!catalog.add(definition)) {
            throw ModeledErrors.resourceInUse("Table already exists: " + tableName);
        }
        Table table = catalog.require(tableName);
        streams.tableChanged(table);
        if (request.hasTags()) {
            request.tags().forEach(tag -> table.tags().put(tag.key(), tag.value()));
        }
        return CreateTableResponse.builder()
                .tableDescription(describe(table, TableStatus.ACTIVE))
                .build();
    }

    private static void checkTableName(String tableName) {
        if (tableName == null) {
            throw validation(notNull("tableName"));
        }
        if (tableName.length() < 3 || tableName.length() > 255) {
            throw validation("TableName must be at least 3 characters long and at most 255 characters long");
        }
        if (!NAME.matcher(tableName).matches()) {
            throw validation(
                    "1 validation error detected: Value '" + tableName
                            + "' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
    }

    private static void checkThroughput(BillingMode billing, ProvisionedThroughput throughput) {
        if (billing == BillingMode.PAY_PER_REQUEST && throughput != null) {
            throw validation(
                    INVALID
                            + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        if (billing == BillingMode.PROVISIONED) {
            if (throughput == null
                    || throughput.readCapacityUnits() == null
                    || throughput.writeCapacityUnits() == null) {
                throw validation(
                        INVALID
                                + "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
            }
            checkUnits(throughput.readCapacityUnits(), "provisionedThroughput.readCapacityUnits");
            checkUnits(throughput.writeCapacityUnits(), "provisionedThroughput.writeCapacityUnits");
        }
    }

    private static void checkUnits(long units, String where) {
        if (units < 1) {
            throw validation("1 validation error detected: Value '" + units + "' at '" + where
                    + "' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
    }

    private static void checkIndexThroughput(BillingMode billing, ProvisionedThroughput throughput, String indexName) {
        if (billing == BillingMode.PAY_PER_REQUEST && throughput != null) {
            throw validation(INVALID + "ProvisionedThroughput should not be specified for index: " + indexName
                    + " when BillingMode is PAY_PER_REQUEST");
        }
        if (billing == BillingMode.PROVISIONED && throughput == null) {
            throw validation(INVALID + "ProvisionedThroughput must be specified for index: " + indexName);
        }
    }

    private static Map<String, ScalarAttributeType> attributeTypes(List<AttributeDefinition> definitions) {
        Map<String, ScalarAttributeType> types = new LinkedHashMap<>();
        for (AttributeDefinition definition : definitions) {
            ScalarAttributeType type = definition.attributeType();
            if (type == null || type == ScalarAttributeType.UNKNOWN_TO_SDK_VERSION) {
                throw validation(enumValue(
                        definition.attributeTypeAsString(), "attributeDefinitions.member.attributeType", "[B, N, S]"));
            }
            ScalarAttributeType previous = types.put(definition.attributeName(), type);
            if (previous != null && previous != type) {
                throw validation("Cannot have two attributes with the same name but different types");
            }
        }
        return types;
    }

    private static KeySchema keySchema(List<KeySchemaElement> elements, Map<String, ScalarAttributeType> types) {
        if (elements == null || elements.isEmpty() || elements.size() > 2) {
            String size = elements == null ? "0" : Integer.toString(elements.size());
            throw validation("1 validation error detected: Value '" + size
                    + "' at 'keySchema' failed to satisfy constraint: Member must have length "
                    + (elements != null && elements.size() > 2
                            ? "less than or equal to 2"
                            : "greater than or equal to 1"));
        }
        List<String> names =
                elements.stream().map(KeySchemaElement::attributeName).toList();
        if (names.stream().anyMatch(keyName -> !types.containsKey(keyName))) {
            if (names.size() == 2) {
                throw validation("Invalid KeySchema: Some index key attribute have no definition");
            }
            throw validation(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: "
                    + names + ", AttributeDefinitions: " + types.keySet());
        }
        if (names.size() == 2 && names.get(0).equals(names.get(1))) {
            throw validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        if (elements.get(0).keyType() != KeyType.HASH) {
            throw validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (elements.size() == 2 && elements.get(1).keyType() != KeyType.RANGE) {
            throw validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        String range = names.size() == 2 ? names.get(1) : null;
        return new KeySchema(names.get(0), types.get(names.get(0)), range, range == null ? null : types.get(range));
    }

    private static IndexDefinition index(
            String indexName,
            boolean global,
            KeySchema keys,
            Projection projection,
            String tableArn,
            Set<String> indexNames) {
        if (indexName == null
                || indexName.length() < 3
                || indexName.length() > 255
                || !NAME.matcher(indexName).matches()) {
            throw validation("1 validation error detected: Value '" + indexName
                    + "' at 'indexName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        if (projection == null || projection.projectionType() == null) {
            throw validation(INVALID + "Unknown ProjectionType: null");
        }
        if (projection.hasNonKeyAttributes() && projection.projectionType() != ProjectionType.INCLUDE) {
            throw validation(INVALID + "ProjectionType is " + projection.projectionTypeAsString()
                    + ", but NonKeyAttributes is specified");
        }
        if (!indexNames.add(indexName)) {
            throw validation(INVALID + "Duplicate index name: " + indexName);
        }
        Projection stored = projection.projectionType() == ProjectionType.INCLUDE
                ? projection
                : Projection.builder()
                        .projectionType(projection.projectionType())
                        .build();
        return new IndexDefinition(indexName, global, keys, stored, tableArn + "/index/" + indexName);
    }

    private static StreamSpecification checkStream(StreamSpecification stream) {
        if (stream == null || !Boolean.TRUE.equals(stream.streamEnabled())) {
            return stream;
        }
        if (stream.streamViewType() == null) {
            // Documentation is silent on the message; the service requires a view type with an enabled stream.
            throw validation(INVALID + "You must specify a StreamViewType when a stream is enabled");
        }
        return stream;
    }

    private static String notNull(String member) {
        return "1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null";
    }

    private static String enumValue(String value, String member, String allowed) {
        return "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed;
    }

    // ---------------------------------------------------------------- DescribeTable / DeleteTable / ListTables

    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        Table table = catalog.requireDescribed(request.tableName());
        return DescribeTableResponse.builder()
                .table(describe(table, TableStatus.ACTIVE))
                .build();
    }

    public DeleteTableResponse deleteTable(DeleteTableRequest request) {
        Table table = catalog.requireDescribed(request.tableName());
        table.lock().writeLock().lock();
        try {
            if (table.deleted()) {
                throw ModeledErrors.resourceNotFound(
                        "Requested resource not found: Table: " + request.tableName() + " not found");
            }
            if (table.definition().deletionProtection()) {
                throw validation(
                        "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
            }
            TableDescription description = describe(table, TableStatus.DELETING);
            table.markDeleted();
            catalog.remove(table);
            streams.tableDeleted(table);
            return DeleteTableResponse.builder().tableDescription(description).build();
        } finally {
            table.lock().writeLock().unlock();
        }
    }

    public ListTablesResponse listTables(ListTablesRequest request) {
        int limit = 100;
        if (request.limit() != null) {
            if (request.limit() < 1 || request.limit() > 100) {
                throw validation("1 validation error detected: Value '" + request.limit()
                        + "' at 'limit' failed to satisfy constraint: Member must have value "
                        + (request.limit() < 1 ? "greater than or equal to 1" : "less than or equal to 100"));
            }
            limit = request.limit();
        }
        String start = request.exclusiveStartTableName();
        List<String> after = catalog.names().stream()
                .filter(n -> start == null || n.compareTo(start) > 0)
                .toList();
        List<String> page = after.subList(0, Math.min(limit, after.size()));
        ListTablesResponse.Builder response = ListTablesResponse.builder().tableNames(page);
        if (after.size() > page.size()) {
            response.lastEvaluatedTableName(page.get(page.size() - 1));
        }
        return response.build();
    }

    /** The table's description as DescribeTable returns it, with the given status. */
    public static TableDescription describe(Table table, TableStatus status) {
        table.lock().readLock().lock();
        try {
            TableDefinition definition = table.definition();
            TableDescription.Builder description = TableDescription.builder()
                    .tableName(definition.name())
                    .tableArn(definition.arn())
                    .tableId(definition.tableId())
                    .tableStatus(status)
                    .creationDateTime(definition.created())
                    .keySchema(definition.keys().toSdk())
                    .attributeDefinitions(definition.attributeDefinitions())
                    .billingModeSummary(BillingModeSummary.builder()
                            .billingMode(definition.billingMode())
                            .lastUpdateToPayPerRequestDateTime(definition.lastUpdateToPayPerRequest())
                            .build())
                    .provisionedThroughput(throughput(definition.readCapacityUnits(), definition.writeCapacityUnits()))
                    .tableSizeBytes(table.sizeBytes())
                    .itemCount(table.itemCount())
                    .deletionProtectionEnabled(definition.deletionProtection());
            if (!definition.globalIndexes().isEmpty()) {
                description.globalSecondaryIndexes(definition.globalIndexes().stream()
                        .map(index -> GlobalSecondaryIndexDescription.builder()
                                .indexName(index.name())
                                .keySchema(index.keys().toSdk())
                                .projection(index.projection())
                                .indexStatus(IndexStatus.ACTIVE)
                                .indexArn(index.arn())
                                .backfilling(false)
                                .itemCount(table.indexItemCount(index.name()))
                                .indexSizeBytes(table.indexSizeBytes(index.name()))
                                .provisionedThroughput(
                                        throughput(definition.readCapacityUnits(), definition.writeCapacityUnits()))
                                .build())
                        .toList());
            }
            if (!definition.localIndexes().isEmpty()) {
                description.localSecondaryIndexes(definition.localIndexes().stream()
                        .map(index -> LocalSecondaryIndexDescription.builder()
                                .indexName(index.name())
                                .keySchema(index.keys().toSdk())
                                .projection(index.projection())
                                .indexArn(index.arn())
                                .itemCount(table.indexItemCount(index.name()))
                                .indexSizeBytes(table.indexSizeBytes(index.name()))
                                .build())
                        .toList());
            }
            if (definition.streamSpecification() != null && definition.streamEnabled()) {
                description.streamSpecification(definition.streamSpecification());
            }
            if (definition.streamLabel() != null) {
                description.latestStreamLabel(definition.streamLabel()).latestStreamArn(definition.streamArn());
            }
            if (definition.tableClass() != null) {
                description.tableClassSummary(TableClassSummary.builder()
                        .tableClass(definition.tableClass())
                        .build());
            }
            if (definition.sse() != null && Boolean.TRUE.equals(definition.sse().enabled())) {
                // The engine encrypts nothing: it echoes the KMS key it was given, and names none otherwise.
                description.sseDescription(SSEDescription.builder()
                        .status(SSEStatus.ENABLED)
                        .sseType(SSEType.KMS)
                        .kmsMasterKeyArn(definition.sse().kmsMasterKeyId())
                        .build());
            }
            return description.build();
        } finally {
            table.lock().readLock().unlock();
        }
    }

    private static ProvisionedThroughputDescription throughput(long read, long write) {
        return ProvisionedThroughputDescription.builder()
                .numberOfDecreasesToday(0L)
                .readCapacityUnits(read)
                .writeCapacityUnits(write)
                .build();
    }

    // ---------------------------------------------------------------- UpdateTable

    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        Table table = catalog.requireDescribed(request.tableName());
        if (!request.hasGlobalSecondaryIndexUpdates()
                && request.billingMode() == null
                && request.provisionedThroughput() == null
                && request.streamSpecification() == null
                && request.deletionProtectionEnabled() == null
                && request.sseSpecification() == null
                && request.tableClass() == null) {
            throw validation(
                    "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates "
                            + "or SSESpecification or ReplicaUpdates is required");
        }
        table.lock().writeLock().lock();
        try {
            TableDefinition definition = table.definition();
            Map<String, ScalarAttributeType> types = attributeTypes(definition.attributeDefinitions());
            List<AttributeDefinition> definitions = new ArrayList<>(definition.attributeDefinitions());
            if (request.hasAttributeDefinitions()) {
                for (AttributeDefinition declared : request.attributeDefinitions()) {
                    ScalarAttributeType known = types.get(declared.attributeName());
                    if (known == null) {
                        types.put(declared.attributeName(), declared.attributeType());
                        definitions.add(declared);
                    } else if (known != declared.attributeType()) {
                        throw validation("Cannot have two attributes with the same name but different types");
                    }
                }
            }
            BillingMode billing = request.billingMode() == null ? definition.billingMode() : request.billingMode();
            if (request.billingMode() != null || request.provisionedThroughput() != null) {
                ProvisionedThroughput throughput = request.provisionedThroughput();
                if (billing == BillingMode.PROVISIONED
                        && throughput == null
                        && definition.billingMode() == BillingMode.PROVISIONED) {
                    throughput = ProvisionedThroughput.builder()
                            .readCapacityUnits(definition.readCapacityUnits())
                            .writeCapacityUnits(definition.writeCapacityUnits())
                            .build();
                }
                checkThroughput(billing, throughput);
                Instant since = billing == BillingMode.PAY_PER_REQUEST
                        ? (definition.billingMode() == BillingMode.PAY_PER_REQUEST
                                ? definition.lastUpdateToPayPerRequest()
                                : clock.instant())
                        : definition.lastUpdateToPayPerRequest();
                definition = definition.withBilling(
                        billing,
                        since,
                        throughput == null ? 0 : throughput.readCapacityUnits(),
                        throughput == null ? 0 : throughput.writeCapacityUnits());
            }
            List<IndexDefinition> globals = new ArrayList<>(definition.globalIndexes());
            IndexDefinition created = null;
            String removed = null;
            if (request.hasGlobalSecondaryIndexUpdates()) {
                long changes = request.globalSecondaryIndexUpdates().stream()
                        .filter(u -> u.create() != null || u.delete() != null)
                        .count();
                if (changes > 1) {
                    throw validation(
                            INVALID + "Only 1 online index can be created or deleted simultaneously per table");
                }
                for (GlobalSecondaryIndexUpdate update : request.globalSecondaryIndexUpdates()) {
                    if (update.create() != null) {
                        created = createIndex(definition, update.create(), types, billing);
                        globals.add(created);
                    } else if (update.delete() != null) {
                        removed = update.delete().indexName();
                        String name = removed;
                        if (!globals.removeIf(index -> index.name().equals(name))) {
                            throw ModeledErrors.resourceNotFound(
                                    "Requested resource not found: Index: " + name + " not found");
                        }
                    } else if (update.update() != null
                            && definition.index(update.update().indexName()) == null) {
                        throw ModeledErrors.resourceNotFound("Requested resource not found: Index: "
                                + update.update().indexName() + " not found");
                    }
                }
            }
            definition = definition.withIndexes(
                    usedDefinitions(definitions, definition.keys(), globals, definition.localIndexes()), globals);
            if (request.streamSpecification() != null) {
                definition = updateStream(definition, checkStream(request.streamSpecification()));
            }
            if (request.deletionProtectionEnabled() != null) {
                definition = definition.withDeletionProtection(request.deletionProtectionEnabled());
            }
            if (request.tableClass() != null || request.sseSpecification() != null) {
                definition = definition.withSettings(
                        request.tableClass() != null ? request.tableClass() : definition.tableClass(),
                        request.sseSpecification() != null ? request.sseSpecification() : definition.sse());
            }
            table.redefine(definition);
            streams.tableChanged(table);
            if (created != null) {
                table.addIndex(created);
            }
            if (removed != null) {
                table.removeIndex(removed);
            }
            return UpdateTableResponse.builder()
                    .tableDescription(describe(table, TableStatus.ACTIVE))
                    .build();
        } finally {
            table.lock().writeLock().unlock();
        }
    }

    private IndexDefinition createIndex(
            TableDefinition definition,
            CreateGlobalSecondaryIndexAction create,
            Map<String, ScalarAttributeType> types,
            BillingMode billing) {
        if (definition.index(create.indexName()) != null) {
            throw validation("Attempting to create an index which already exists");
        }
        KeySchema keys = keySchema(create.keySchema(), types);
        checkIndexThroughput(billing, create.provisionedThroughput(), create.indexName());
        Set<String> names = new HashSet<>();
        definition.indexes().forEach(index -> names.add(index.name()));
        return index(create.indexName(), true, keys, create.projection(), definition.arn(), names);
    }

    private static List<AttributeDefinition> usedDefinitions(
            List<AttributeDefinition> definitions,
            KeySchema keys,
            List<IndexDefinition> globals,
            List<IndexDefinition> locals) {
        Set<String> used = new HashSet<>(keys.names());
        globals.forEach(index -> used.addAll(index.keys().names()));
        locals.forEach(index -> used.addAll(index.keys().names()));
        return definitions.stream()
                .filter(d -> used.contains(d.attributeName()))
                .toList();
    }

    private TableDefinition updateStream(TableDefinition definition, StreamSpecification stream) {
        boolean enable = Boolean.TRUE.equals(stream.streamEnabled());
        if (enable == definition.streamEnabled()) {
            // Documentation is silent on the message (the API reference says ValidationException).
            throw validation(
                    enable
                            ? "Table already has an enabled stream: TableName: " + definition.name()
                            : "Table does not have a stream enabled: TableName: " + definition.name());
        }
        return definition.withStream(stream, enable ? streams.newLabel(definition.name()) : definition.streamLabel());
    }

    // ---------------------------------------------------------------- time to live

    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
        TimeToLiveSpecification specification = request.timeToLiveSpecification();
        if (specification == null) {
            throw validation(notNull("timeToLiveSpecification"));
        }
        Table table = catalog.require(request.tableName());
        synchronized (table) {
            TimeToLiveDescription current = table.timeToLive();
            boolean enabled = current.timeToLiveStatus() == TimeToLiveStatus.ENABLED;
            boolean enable = Boolean.TRUE.equals(specification.enabled());
            if (enable && enabled && !current.attributeName().equals(specification.attributeName())) {
                throw validation("TimeToLive is active on a different AttributeName: current AttributeName is "
                        + current.attributeName());
            }
            if (enable == enabled) {
                throw validation(enable ? "TimeToLive is already enabled" : "TimeToLive is already disabled");
            }
            Instant now = clock.instant();
            Instant last = ttlChanges.get(table.definition().tableId());
            if (last != null && now.isBefore(last.plus(TTL_CHANGE_INTERVAL))) {
                throw validation("Time to live has been modified multiple times within a fixed interval");
            }
            ttlChanges.put(table.definition().tableId(), now);
            table.timeToLive(
                    enable
                            ? TimeToLiveDescription.builder()
                                    .timeToLiveStatus(TimeToLiveStatus.ENABLED)
                                    .attributeName(specification.attributeName())
                                    .build()
                            : TimeToLiveDescription.builder()
                                    .timeToLiveStatus(TimeToLiveStatus.DISABLED)
                                    .build());
        }
        return UpdateTimeToLiveResponse.builder()
                .timeToLiveSpecification(specification)
                .build();
    }

    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
        Table table = catalog.requireDescribed(request.tableName());
        return DescribeTimeToLiveResponse.builder()
                .timeToLiveDescription(table.timeToLive())
                .build();
    }

    // ---------------------------------------------------------------- tags

    public TagResourceResponse tagResource(TagResourceRequest request) {
        Table table = taggable(request.resourceArn());
        request.tags().forEach(tag -> table.tags().put(tag.key(), tag.value()));
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        Table table = taggable(request.resourceArn());
        request.tagKeys().forEach(table.tags()::remove);
        return UntagResourceResponse.builder().build();
    }

    public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
        Table table = taggable(request.resourceArn());
        List<Tag> tags;
        synchronized (table.tags()) {
            tags = table.tags().entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                    .toList();
        }
        return ListTagsOfResourceResponse.builder().tags(tags).build();
    }

    private Table taggable(String resourceArn) {
        Table table = resourceArn != null && resourceArn.startsWith("arn:") ? catalog.find(resourceArn) : null;
        if (table == null) {
            // Documentation is silent on the wording; the table-level wording with the ARN is used.
            throw ModeledErrors.resourceNotFound(
                    "Requested resource not found: ResourcArn: " + resourceArn + " not found");
        }
        return table;
    }

    // ---------------------------------------------------------------- continuous backups

    public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
        Table table = backedUp(request.tableName());
        if (request.pointInTimeRecoverySpecification() == null) {
            throw validation(notNull("pointInTimeRecoverySpecification"));
        }
        table.pointInTimeRecovery(
                Boolean.TRUE.equals(request.pointInTimeRecoverySpecification().pointInTimeRecoveryEnabled()));
        return UpdateContinuousBackupsResponse.builder()
                .continuousBackupsDescription(backups(table))
                .build();
    }

    public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
        return DescribeContinuousBackupsResponse.builder()
                .continuousBackupsDescription(backups(backedUp(request.tableName())))
                .build();
    }

    private Table backedUp(String tableName) {
        Table table = catalog.find(tableName);
        if (table == null) {
            // Documentation is silent on the wording of TableNotFoundException.
            String message = "Table not found: " + tableName;
            throw TableNotFoundException.builder()
                    .message(message)
                    .statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("TableNotFoundException")
                            .errorMessage(message)
                            .build())
                    .build();
        }
        return table;
    }

    private ContinuousBackupsDescription backups(Table table) {
        PointInTimeRecoveryDescription.Builder pitr = PointInTimeRecoveryDescription.builder()
                .pointInTimeRecoveryStatus(
                        table.pointInTimeRecovery()
                                ? PointInTimeRecoveryStatus.ENABLED
                                : PointInTimeRecoveryStatus.DISABLED);
        if (table.pointInTimeRecovery()) {
            Instant now = clock.instant();
            pitr.earliestRestorableDateTime(table.definition().created())
                    .latestRestorableDateTime(now)
                    .recoveryPeriodInDays(35);
        }
        return ContinuousBackupsDescription.builder()
                .continuousBackupsStatus(ContinuousBackupsStatus.ENABLED)
                .pointInTimeRecoveryDescription(pitr.build())
                .build();
    }
}
