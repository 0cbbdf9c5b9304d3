package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.definition;
import static dev.excalibur.dynamodb.engine.EngineFixture.gsi;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** ConsumedCapacity by the documented formulas: 4 KB read units, 1 KB write units, halves, transactions, indexes. */
class ConsumedCapacityTest {

    private final EngineFixture fixture = new EngineFixture();

    @BeforeEach
    void table() {
        fixture.table(
                "cap",
                null,
                b -> b.attributeDefinitions(
                                definition("pk", ScalarAttributeType.S), definition("g", ScalarAttributeType.S))
                        .globalSecondaryIndexes(gsi("byG", "g", ProjectionType.KEYS_ONLY)));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** An item of exactly {@code bytes} bytes: pk + its value (3 bytes) and "d" + a string. */
    private static Map<String, AttributeValue> sized(String pk, int bytes) {
        return item("pk", pk, "d", "x".repeat(bytes - 2 - pk.length() - 1));
    }

    private double put(Map<String, AttributeValue> item) {
        return fixture.client
                .putItem(b -> b.tableName("cap").item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity()
                .capacityUnits();
    }

    @Test
    void returnsNoCapacityUnlessAsked() {
        assertThat(fixture.client
                        .putItem(b -> b.tableName("cap").item(item("pk", "a")))
                        .consumedCapacity())
                .isNull();
    }

    @Test
    void chargesOneWriteUnitPerKilobyteRoundedUp() {
        assertThat(put(sized("a", 1024))).isEqualTo(1.0);
        assertThat(put(sized("b", 1025))).isEqualTo(2.0);
        assertThat(put(sized("c", 10))).isEqualTo(1.0);
    }

    @Test
    void chargesTheLargerOfOldAndNewItemOnReplace() {
        put(sized("a", 3000));
        assertThat(put(sized("a", 100))).isEqualTo(3.0);
    }

    @Test
    void chargesOneUnitToDeleteAMissingItem() {
        assertThat(fixture.client
                        .deleteItem(b -> b.tableName("cap")
                                .key(item("pk", "none"))
                                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                        .consumedCapacity()
                        .capacityUnits())
                .isEqualTo(1.0);
    }

    @Test
    void chargesHalfAReadUnitPerFourKilobytesForAnEventuallyConsistentRead() {
        put(sized("a", 5000));
        ConsumedCapacity eventual = fixture.client
                .getItem(b ->
                        b.tableName("cap").key(item("pk", "a")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();
        assertThat(eventual.tableName()).isEqualTo("cap");
        assertThat(eventual.capacityUnits()).isEqualTo(1.0);
        ConsumedCapacity strong = fixture.client
                .getItem(b -> b.tableName("cap")
                        .key(item("pk", "a"))
                        .consistentRead(true)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();
        assertThat(strong.capacityUnits()).isEqualTo(2.0);
        assertThat(fixture.client
                        .getItem(b -> b.tableName("cap")
                                .key(item("pk", "none"))
                                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                        .consumedCapacity()
                        .capacityUnits())
                .isEqualTo(0.5);
    }

    @Test
    void roundsTheTotalOfAScanNotEachItem() {
        for (int i = 0; i < 4; i++) {
            put(sized("k" + i, 1000));
        }
        ConsumedCapacity scan = fixture.client
                .scan(b -> b.tableName("cap").consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();
        assertThat(scan.capacityUnits()).isEqualTo(1.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void roundsEachItemOfABatchGet() {
        for (int i = 0; i < 4; i++) {
            put(sized("k" + i, 1000));
        }
        List<ConsumedCapacity> capacities = fixture.client
                .batchGetItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .requestItems(Map.of(
                                "cap",
                                KeysAndAttributes.builder()
                                        .consistentRead(true)
                                        .keys(item("pk", "k0"), item("pk", "k1"), item("pk", "k2"), item("pk", "k3"))
                                        .build())))
                .consumedCapacity();
        assertThat(capacities)
                .singleElement()
                .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(4.0));
    }

    @Test
    void chargesIndexWritesSeparatelyWhenAskedForIndexes() {
        ConsumedCapacity insert = fixture.client
                .putItem(b -> b.tableName("cap")
                        .item(item("pk", "a", "g", "one"))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
        assertThat(insert.capacityUnits()).isEqualTo(2.0);
        assertThat(insert.table().capacityUnits()).isEqualTo(1.0);
        assertThat(insert.globalSecondaryIndexes().get("byG").capacityUnits()).isEqualTo(1.0);
        ConsumedCapacity keyChange = fixture.client
                .updateItem(b -> b.tableName("cap")
                        .key(item("pk", "a"))
                        .updateExpression("SET g = :g")
                        .expressionAttributeValues(Map.of(":g", s("two")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
        assertThat(keyChange.globalSecondaryIndexes().get("byG").capacityUnits())
                .isEqualTo(2.0);
        ConsumedCapacity unrelated = fixture.client
                .updateItem(b -> b.tableName("cap")
                        .key(item("pk", "a"))
                        .updateExpression("SET extra = :g")
                        .expressionAttributeValues(Map.of(":g", s("x")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
        assertThat(unrelated.hasGlobalSecondaryIndexes()).isFalse();
        assertThat(unrelated.capacityUnits()).isEqualTo(1.0);
    }

    @Test
    void namesTheTableAsTheRequestDid() {
        String arn =
                fixture.client.describeTable(b -> b.tableName("cap")).table().tableArn();
        assertThat(fixture.client
                        .putItem(b -> b.tableName(arn)
                                .item(item("pk", "a"))
                                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                        .consumedCapacity()
                        .tableName())
                .isEqualTo(arn);
        assertThat(fixture.client
                        .getItem(b -> b.tableName("cap")
                                .key(item("pk", "a"))
                                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                        .consumedCapacity()
                        .tableName())
                .isEqualTo("cap");
    }

    @Test
    void chargesIndexReadsToTheIndex() {
        put(item("pk", "a", "g", "one"));
        ConsumedCapacity query = fixture.client
                .query(b -> b.tableName("cap")
                        .indexName("byG")
                        .keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", s("one")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
        assertThat(query.capacityUnits()).isEqualTo(0.5);
        assertThat(query.globalSecondaryIndexes().get("byG").capacityUnits()).isEqualTo(0.5);
        assertThat(query.table().capacityUnits()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void doublesTransactionalWritesAndReads() {
        List<ConsumedCapacity> writes = fixture.client
                .transactWriteItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .transactItems(
                                TransactWriteItem.builder()
                                        .put(p -> p.tableName("cap").item(sized("a", 1500)))
                                        .build(),
                                TransactWriteItem.builder()
                                        .put(p -> p.tableName("cap").item(sized("b", 100)))
                                        .build()))
                .consumedCapacity();
        assertThat(writes).singleElement().satisfies(c -> {
            assertThat(c.tableName()).isEqualTo("cap");
            assertThat(c.capacityUnits()).isEqualTo(6.0);
        });
        List<ConsumedCapacity> reads = fixture.client
                .transactGetItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .transactItems(t -> t.get(g -> g.tableName("cap").key(item("pk", "a")))))
                .consumedCapacity();
        assertThat(reads)
                .singleElement()
                .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(2.0));
    }
}
