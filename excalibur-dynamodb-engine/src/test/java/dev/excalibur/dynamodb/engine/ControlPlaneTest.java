package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertError;
import static dev.excalibur.dynamodb.engine.EngineFixture.assertValidation;
import static dev.excalibur.dynamodb.engine.EngineFixture.definition;
import static dev.excalibur.dynamodb.engine.EngineFixture.gsi;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsStatus;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEStatus;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables, TTL, tags and continuous backups. */
class ControlPlaneTest {

    private final EngineFixture fixture = new EngineFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void describesANewTableAsActiveWithEveryField() {
        Instant created = fixture.clock().instant();
        fixture.table("orders", ScalarAttributeType.N);
        TableDescription table =
                fixture.client.describeTable(b -> b.tableName("orders")).table();
        assertThat(table.tableName()).isEqualTo("orders");
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:eu-west-1:111122223333:table/orders");
        assertThat(table.tableId()).isNotBlank();
        assertThat(table.creationDateTime()).isEqualTo(created);
        assertThat(table.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
        assertThat(table.attributeDefinitions())
                .containsExactly(definition("pk", ScalarAttributeType.S), definition("sk", ScalarAttributeType.N));
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.billingModeSummary().lastUpdateToPayPerRequestDateTime())
                .isEqualTo(created);
        assertThat(table.provisionedThroughput().readCapacityUnits()).isZero();
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isZero();
        assertThat(table.provisionedThroughput().numberOfDecreasesToday()).isZero();
        assertThat(table.tableSizeBytes()).isZero();
        assertThat(table.itemCount()).isZero();
        assertThat(table.deletionProtectionEnabled()).isFalse();
        assertThat(table.hasGlobalSecondaryIndexes()).isFalse();
        assertThat(table.latestStreamArn()).isNull();
    }

    @Test
    void countsItemsAndTheirSizeInTheDescription() {
        fixture.table("sized", null);
        fixture.client.putItem(b -> b.tableName("sized").item(item("pk", "ab", "x", "hello")));
        fixture.client.putItem(b -> b.tableName("sized").item(item("pk", "cd")));
        TableDescription table =
                fixture.client.describeTable(b -> b.tableName("sized")).table();
        assertThat(table.itemCount()).isEqualTo(2);
        // pk + "ab" = 4 bytes, x + "hello" = 6 bytes, pk + "cd" = 4 bytes
        assertThat(table.tableSizeBytes()).isEqualTo(14);
    }

    @Test
    void createsAProvisionedTableWithItsThroughput() {
        fixture.table(
                "provisioned",
                null,
                b -> b.billingMode(BillingMode.PROVISIONED)
                        .provisionedThroughput(ProvisionedThroughput.builder()
                                .readCapacityUnits(5L)
                                .writeCapacityUnits(7L)
                                .build()));
        TableDescription table =
                fixture.client.describeTable(b -> b.tableName("provisioned")).table();
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(table.provisionedThroughput().readCapacityUnits()).isEqualTo(5);
        assertThat(table.provisionedThroughput().writeCapacityUnits()).isEqualTo(7);
    }

    @Test
    void describesIndexesWithTheirArnsProjectionsAndStatus() {
        fixture.table(
                "indexed",
                ScalarAttributeType.S,
                b -> b.attributeDefinitions(
                                definition("pk", ScalarAttributeType.S),
                                definition("sk", ScalarAttributeType.S),
                                definition("owner", ScalarAttributeType.S),
                                definition("at", ScalarAttributeType.N))
                        .globalSecondaryIndexes(gsi("byOwner", "owner", ProjectionType.KEYS_ONLY))
                        .localSecondaryIndexes(LocalSecondaryIndex.builder()
                                .indexName("byTime")
                                .keySchema(key("pk", KeyType.HASH), key("at", KeyType.RANGE))
                                .projection(p ->
                                        p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("note"))
                                .build()));
        TableDescription table =
                fixture.client.describeTable(b -> b.tableName("indexed")).table();
        GlobalSecondaryIndexDescription global = table.globalSecondaryIndexes().get(0);
        assertThat(global.indexName()).isEqualTo("byOwner");
        assertThat(global.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(global.indexArn()).isEqualTo(table.tableArn() + "/index/byOwner");
        assertThat(global.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        assertThat(global.itemCount()).isZero();
        assertThat(global.indexSizeBytes()).isZero();
        assertThat(table.localSecondaryIndexes().get(0).projection().nonKeyAttributes())
                .containsExactly("note");
        assertThat(table.localSecondaryIndexes().get(0).indexArn()).endsWith("/index/byTime");
    }

    @Test
    void storesTheStreamSpecificationAndNamesTheStream() {
        fixture.engineOnly();
        fixture.table(
                "streamed",
                null,
                b -> b.streamSpecification(
                        s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        TableDescription table =
                fixture.client.describeTable(b -> b.tableName("streamed")).table();
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(table.latestStreamLabel()).isEqualTo("2026-12-06T12:00:00.123");
        assertThat(table.latestStreamArn())
                .isEqualTo("arn:aws:dynamodb:eu-west-1:111122223333:table/streamed/stream/2026-12-06T12:00:00.123");
    }

    @Test
    void echoesTheTableClassAndEncryptionSettings() {
        fixture.table(
                "classy",
                null,
                b -> b.tableClass(TableClass.STANDARD_INFREQUENT_ACCESS).sseSpecification(s -> s.enabled(true)));
        TableDescription table =
                fixture.client.describeTable(b -> b.tableName("classy")).table();
        assertThat(table.tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
        assertThat(table.sseDescription().status()).isEqualTo(SSEStatus.ENABLED);
        TableDescription updated = fixture.client
                .updateTable(b -> b.tableName("classy").tableClass(TableClass.STANDARD))
                .tableDescription();
        assertThat(updated.tableClassSummary().tableClass()).isEqualTo(TableClass.STANDARD);
    }

    @Test
    void refusesToCreateATableThatExists() {
        fixture.table("twice", null);
        assertError(
                () -> fixture.table("twice", null),
                ResourceInUseException.class,
                "ResourceInUseException",
                "Table already exists: twice");
    }

    @Test
    void acceptsAnEmptyTagListAndStoresTags() {
        fixture.table("untagged", null, b -> b.tags(List.of()));
        fixture.table(
                "tagged", null, b -> b.tags(Tag.builder().key("team").value("a").build()));
        String arn =
                fixture.client.describeTable(b -> b.tableName("tagged")).table().tableArn();
        fixture.client.tagResource(b ->
                b.resourceArn(arn).tags(Tag.builder().key("env").value("test").build()));
        assertThat(fixture.client.listTagsOfResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(
                        Tag.builder().key("team").value("a").build(),
                        Tag.builder().key("env").value("test").build());
        fixture.client.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertThat(fixture.client.listTagsOfResource(b -> b.resourceArn(arn)).tags())
                .extracting(Tag::key)
                .containsExactly("env");
    }

    @Test
    void deletesATableAndForgetsIt() {
        fixture.table("gone", null);
        TableDescription deleted =
                fixture.client.deleteTable(b -> b.tableName("gone")).tableDescription();
        assertThat(deleted.tableStatus()).isEqualTo(TableStatus.DELETING);
        assertError(
                () -> fixture.client.describeTable(b -> b.tableName("gone")),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Table: gone not found");
        assertError(
                () -> fixture.client.getItem(b -> b.tableName("gone").key(item("pk", "a"))),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found");
    }

    @Test
    void refusesToDeleteAProtectedTableUntilProtectionIsLifted() {
        fixture.table("protected", null, b -> b.deletionProtectionEnabled(true));
        assertValidation(
                () -> fixture.client.deleteTable(b -> b.tableName("protected")),
                "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.");
        fixture.client.updateTable(b -> b.tableName("protected").deletionProtectionEnabled(false));
        fixture.client.deleteTable(b -> b.tableName("protected"));
        assertThat(fixture.client.listTables().tableNames()).doesNotContain("protected");
    }

    @Test
    void acceptsATableArnWhereverATableNameGoes() {
        fixture.table("byArn", null);
        String arn =
                fixture.client.describeTable(b -> b.tableName("byArn")).table().tableArn();
        assertThat(arn).startsWith("arn:aws:dynamodb:").endsWith(":table/byArn");
        fixture.client.putItem(b -> b.tableName(arn).item(item("pk", "a")));
        assertThat(fixture.client
                        .getItem(b -> b.tableName(arn).key(item("pk", "a")))
                        .item())
                .isEqualTo(item("pk", "a"));
        assertThat(fixture.client.describeTable(b -> b.tableName(arn)).table().tableName())
                .isEqualTo("byArn");
    }

    @Test
    void listsTablesInOrderPageByPage() {
        fixture.engineOnly();
        IntStream.range(0, 5).forEach(i -> fixture.table("t" + (4 - i) + "x", null));
        ListTablesResponse first = fixture.client.listTables(b -> b.limit(2));
        assertThat(first.tableNames()).containsExactly("t0x", "t1x");
        assertThat(first.lastEvaluatedTableName()).isEqualTo("t1x");
        ListTablesResponse second = fixture.client.listTables(b -> b.limit(2).exclusiveStartTableName("t1x"));
        assertThat(second.tableNames()).containsExactly("t2x", "t3x");
        ListTablesResponse last = fixture.client.listTables(b -> b.limit(2).exclusiveStartTableName("t3x"));
        assertThat(last.tableNames()).containsExactly("t4x");
        assertThat(last.lastEvaluatedTableName()).isNull();
        assertThat(fixture.client.listTables().tableNames()).hasSize(5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void addsAGlobalIndexWithUpdateTableAndBackfillsIt() {
        fixture.table("leases", null);
        fixture.client.putItem(b -> b.tableName("leases").item(item("pk", "a", "owner", "w1")));
        fixture.client.putItem(b -> b.tableName("leases").item(item("pk", "b")));
        TableDescription updated = fixture.client
                .updateTable(b -> b.tableName("leases")
                        .attributeDefinitions(
                                definition("owner", ScalarAttributeType.S), definition("pk", ScalarAttributeType.S))
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byOwner")
                                .keySchema(key("owner", KeyType.HASH), key("pk", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))))
                .tableDescription();
        assertThat(updated.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("byOwner");
            assertThat(index.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
            assertThat(index.itemCount()).isEqualTo(1);
        });
        assertThat(fixture.client
                        .query(b -> b.tableName("leases")
                                .indexName("byOwner")
                                .keyConditionExpression("#o = :o")
                                .expressionAttributeNames(Map.of("#o", "owner"))
                                .expressionAttributeValues(Map.of(":o", EngineFixture.s("w1"))))
                        .items())
                .containsExactly(item("pk", "a", "owner", "w1"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void deletesAGlobalIndexWithUpdateTable() {
        fixture.table(
                "dropIndex",
                null,
                b -> b.attributeDefinitions(
                                definition("pk", ScalarAttributeType.S), definition("g", ScalarAttributeType.S))
                        .globalSecondaryIndexes(gsi("byG", "g")));
        TableDescription updated = fixture.client
                .updateTable(b ->
                        b.tableName("dropIndex").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byG"))))
                .tableDescription();
        assertThat(updated.hasGlobalSecondaryIndexes()).isFalse();
        assertThat(updated.attributeDefinitions()).containsExactly(definition("pk", ScalarAttributeType.S));
    }

    @Test
    void switchesBillingModes() {
        fixture.table("billing", null);
        fixture.clock().advance(Duration.ofMinutes(5));
        TableDescription provisioned = fixture.client
                .updateTable(b -> b.tableName("billing")
                        .billingMode(BillingMode.PROVISIONED)
                        .provisionedThroughput(t -> t.readCapacityUnits(3L).writeCapacityUnits(4L)))
                .tableDescription();
        assertThat(provisioned.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(provisioned.provisionedThroughput().writeCapacityUnits()).isEqualTo(4);
        TableDescription onDemand = fixture.client
                .updateTable(b -> b.tableName("billing").billingMode(BillingMode.PAY_PER_REQUEST))
                .tableDescription();
        assertThat(onDemand.billingModeSummary().lastUpdateToPayPerRequestDateTime())
                .isEqualTo(fixture.clock().instant());
        assertThat(onDemand.provisionedThroughput().readCapacityUnits()).isZero();
    }

    @Test
    void enablesTimeToLiveAndDescribesIt() {
        fixture.table("ttl", null);
        assertThat(fixture.client
                        .describeTimeToLive(b -> b.tableName("ttl"))
                        .timeToLiveDescription()
                        .timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        fixture.client.updateTimeToLive(b ->
                b.tableName("ttl").timeToLiveSpecification(s -> s.enabled(true).attributeName("expires")));
        assertThat(fixture.client.describeTimeToLive(b -> b.tableName("ttl")).timeToLiveDescription())
                .satisfies(d -> {
                    assertThat(d.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                    assertThat(d.attributeName()).isEqualTo("expires");
                });
        assertValidation(
                () -> fixture.client.updateTimeToLive(b -> b.tableName("ttl")
                        .timeToLiveSpecification(s -> s.enabled(true).attributeName("expires"))),
                "TimeToLive is already enabled");
        assertValidation(
                () -> fixture.client.updateTimeToLive(b -> b.tableName("ttl")
                        .timeToLiveSpecification(s -> s.enabled(false).attributeName("expires"))),
                "Time to live has been modified multiple times within a fixed interval");
        fixture.clock().advance(Duration.ofHours(1).plusSeconds(1));
        fixture.client.updateTimeToLive(b ->
                b.tableName("ttl").timeToLiveSpecification(s -> s.enabled(false).attributeName("expires")));
        assertThat(fixture.client
                        .describeTimeToLive(b -> b.tableName("ttl"))
                        .timeToLiveDescription()
                        .timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
    }

    @Test
    void storesThePointInTimeRecoveryFlag() {
        fixture.table("pitr", null);
        assertThat(fixture.client
                        .describeContinuousBackups(b -> b.tableName("pitr"))
                        .continuousBackupsDescription()
                        .pointInTimeRecoveryDescription()
                        .pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.DISABLED);
        var enabled = fixture.client
                .updateContinuousBackups(b ->
                        b.tableName("pitr").pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)))
                .continuousBackupsDescription();
        assertThat(enabled.continuousBackupsStatus()).isEqualTo(ContinuousBackupsStatus.ENABLED);
        assertThat(enabled.pointInTimeRecoveryDescription().pointInTimeRecoveryStatus())
                .isEqualTo(PointInTimeRecoveryStatus.ENABLED);
    }

    static Stream<Arguments> invalidCreateTableRequests() {
        return Stream.of(
                Arguments.of(
                        "short table name",
                        (Consumer<CreateTableRequest.Builder>) b -> b.tableName("ab"),
                        "TableName must be at least 3 characters long and at most 255 characters long"),
                Arguments.of(
                        "bad characters",
                        (Consumer<CreateTableRequest.Builder>) b -> b.tableName("a b c"),
                        "1 validation error detected: Value 'a b c' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"),
                Arguments.of(
                        "throughput on demand",
                        (Consumer<CreateTableRequest.Builder>)
                                b -> b.provisionedThroughput(ProvisionedThroughput.builder()
                                        .readCapacityUnits(1L)
                                        .writeCapacityUnits(1L)
                                        .build()),
                        "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"),
                Arguments.of(
                        "provisioned without throughput",
                        (Consumer<CreateTableRequest.Builder>) b -> b.billingMode(BillingMode.PROVISIONED),
                        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"),
                Arguments.of(
                        "undefined key attribute",
                        (Consumer<CreateTableRequest.Builder>)
                                b -> b.attributeDefinitions(definition("other", ScalarAttributeType.S)),
                        "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]"),
                Arguments.of(
                        "extra attribute definition",
                        (Consumer<CreateTableRequest.Builder>) b -> b.attributeDefinitions(
                                definition("pk", ScalarAttributeType.S), definition("extra", ScalarAttributeType.S)),
                        "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"),
                Arguments.of(
                        "range first",
                        pkAndSkAs(KeyType.RANGE, KeyType.HASH),
                        "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"),
                Arguments.of(
                        "two hash keys",
                        pkAndSkAs(KeyType.HASH, KeyType.HASH),
                        "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"),
                Arguments.of(
                        "same key twice",
                        (Consumer<CreateTableRequest.Builder>)
                                b -> b.keySchema(key("pk", KeyType.HASH), key("pk", KeyType.RANGE)),
                        "Both the Hash Key and the Range Key element in the KeySchema have the same name"),
                Arguments.of(
                        "LSI without table range key",
                        (Consumer<CreateTableRequest.Builder>) b -> b.attributeDefinitions(
                                        definition("pk", ScalarAttributeType.S),
                                        definition("at", ScalarAttributeType.N))
                                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                                        .indexName("lsi")
                                        .keySchema(key("pk", KeyType.HASH), key("at", KeyType.RANGE))
                                        .projection(p -> p.projectionType(ProjectionType.ALL))
                                        .build()),
                        "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex"),
                Arguments.of(
                        "duplicate index name",
                        (Consumer<CreateTableRequest.Builder>) b -> b.attributeDefinitions(
                                        definition("pk", ScalarAttributeType.S), definition("g", ScalarAttributeType.S))
                                .globalSecondaryIndexes(gsi("same", "g"), gsi("same", "g")),
                        "One or more parameter values were invalid: Duplicate index name: same"),
                Arguments.of(
                        "non-key attributes without INCLUDE",
                        (Consumer<CreateTableRequest.Builder>) b -> b.attributeDefinitions(
                                        definition("pk", ScalarAttributeType.S), definition("g", ScalarAttributeType.S))
                                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                                        .indexName("gsi")
                                        .keySchema(key("g", KeyType.HASH))
                                        .projection(Projection.builder()
                                                .projectionType(ProjectionType.ALL)
                                                .nonKeyAttributes("x")
                                                .build())
                                        .build()),
                        "One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified"),
                Arguments.of(
                        "unused definition with an index",
                        (Consumer<CreateTableRequest.Builder>) b -> b.attributeDefinitions(
                                        definition("pk", ScalarAttributeType.S),
                                        definition("g", ScalarAttributeType.S),
                                        definition("unused", ScalarAttributeType.S))
                                .globalSecondaryIndexes(gsi("gsi", "g")),
                        "One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [pk, g, unused], keys used: [pk, g]"));
    }

    /** String attributes {@code pk} and {@code sk} as the key schema, with the given key types in that order. */
    private static Consumer<CreateTableRequest.Builder> pkAndSkAs(KeyType pkType, KeyType skType) {
        return b -> b.attributeDefinitions(
                        definition("pk", ScalarAttributeType.S), definition("sk", ScalarAttributeType.S))
                .keySchema(key("pk", pkType), key("sk", skType));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCreateTableRequests")
    void refusesAnInvalidCreateTableWithTheServiceMessage(
            String situation, Consumer<CreateTableRequest.Builder> change, String message) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName("valid")
                .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST);
        change.accept(request);
        assertValidation(() -> fixture.client.createTable(request.build()), message);
        assertThat(fixture.client.listTables().tableNames()).doesNotContain("valid");
    }

    @Test
    void refusesAListTablesLimitOutsideItsRange() {
        assertValidation(
                () -> fixture.client.listTables(b -> b.limit(0)),
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        assertValidation(
                () -> fixture.client.listTables(b -> b.limit(101)),
                "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100");
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesToCreateAnIndexThatExists() {
        fixture.table(
                "hasIndex",
                null,
                b -> b.attributeDefinitions(
                                definition("pk", ScalarAttributeType.S), definition("g", ScalarAttributeType.S))
                        .globalSecondaryIndexes(gsi("byG", "g")));
        assertValidation(
                () -> fixture.client.updateTable(b -> b.tableName("hasIndex")
                        .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                                .keySchema(key("g", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL))))),
                "Attempting to create an index which already exists");
    }

    @Test
    void enablesAndDisablesAStreamWithUpdateTable() {
        fixture.table("laterStream", null);
        TableDescription enabled = fixture.client
                .updateTable(b -> b.tableName("laterStream")
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)))
                .tableDescription();
        assertThat(enabled.streamSpecification().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
        assertThat(enabled.latestStreamArn()).startsWith(enabled.tableArn() + "/stream/");
        assertValidation(
                () -> fixture.client.updateTable(b -> b.tableName("laterStream")
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY))),
                "Table already has an enabled stream: TableName: laterStream");
        TableDescription disabled = fixture.client
                .updateTable(b -> b.tableName("laterStream").streamSpecification(s -> s.streamEnabled(false)))
                .tableDescription();
        assertThat(disabled.streamSpecification()).isNull();
        assertThat(disabled.latestStreamArn()).isEqualTo(enabled.latestStreamArn());
    }

    @Test
    void refusesAnUpdateTableThatChangesNothing() {
        fixture.table("unchanged", null);
        assertValidation(
                () -> fixture.client.updateTable(b -> b.tableName("unchanged")),
                "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusesCreatingOrDeletingTwoIndexesAtOnce() {
        fixture.table("twoIndexes", null);
        assertValidation(
                () -> fixture.client.updateTable(b -> b.tableName("twoIndexes")
                        .attributeDefinitions(
                                definition("a", ScalarAttributeType.S), definition("b", ScalarAttributeType.S))
                        .globalSecondaryIndexUpdates(
                                u -> u.create(c -> c.indexName("byA")
                                        .keySchema(key("a", KeyType.HASH))
                                        .projection(p -> p.projectionType(ProjectionType.ALL))),
                                u -> u.create(c -> c.indexName("byB")
                                        .keySchema(key("b", KeyType.HASH))
                                        .projection(p -> p.projectionType(ProjectionType.ALL))))),
                "One or more parameter values were invalid: Only 1 online index can be created or deleted simultaneously per table");
    }

    @Test
    void waitsForANewTableWithTheSdkWaiter() {
        fixture.table("waited", null);
        assertThat(fixture.client
                        .waiter()
                        .waitUntilTableExists(b -> b.tableName("waited"))
                        .matched()
                        .response())
                .hasValueSatisfying(r -> assertThat(r.table().tableStatus()).isEqualTo(TableStatus.ACTIVE));
    }

    @Test
    void reportsAMissingTableOnDescribeAndDelete() {
        assertError(
                () -> fixture.client.deleteTable(b -> b.tableName("nothing")),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found: Table: nothing not found");
    }
}
