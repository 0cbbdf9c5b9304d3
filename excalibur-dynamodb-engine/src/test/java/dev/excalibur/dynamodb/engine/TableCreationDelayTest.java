package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.assertError;
import static dev.excalibur.dynamodb.engine.EngineFixture.definition;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.key;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The optional creation delay: a new table is CREATING for a while of engine time, as seen in-process and over HTTP, then ACTIVE. */
class TableCreationDelayTest {

    private final EngineFixture.TestClock clock = new EngineFixture.TestClock();
    private DynamoDbEngine engine;
    private DynamoDbEngineServer server;

    @BeforeEach
    void start() {
        engine = DynamoDbEngine.builder()
                .clock(clock)
                .tableCreationDelay(Duration.ofSeconds(10))
                .build();
        server = DynamoDbEngineServer.create(engine, 0).start();
    }

    @AfterEach
    void stop() {
        server.close();
        engine.close();
    }

    @SuppressWarnings("unchecked")
    private static TableDescription create(DynamoDbClient client) {
        return client.createTable(b -> b.tableName("Orders")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                definition("pk", ScalarAttributeType.S), definition("g", ScalarAttributeType.S))
                        .keySchema(key("pk", KeyType.HASH))
                        .globalSecondaryIndexes(i -> i.indexName("byG")
                                .keySchema(key("g", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL))))
                .tableDescription();
    }

    @Test
    void aNewTableIsCreatingUntilTheDelayPassesOnTheEngineClock() {
        TableDescription created = create(engine.client());

        assertThat(created.tableStatus()).isEqualTo(TableStatus.CREATING);
        assertThat(created.globalSecondaryIndexes())
                .extracting(GlobalSecondaryIndexDescription::indexStatus)
                .containsExactly(IndexStatus.CREATING);
        assertThat(server.client()
                        .describeTable(b -> b.tableName("Orders"))
                        .table()
                        .tableStatus())
                .isEqualTo(TableStatus.CREATING);
        assertThat(engine.client().listTables().tableNames()).containsExactly("Orders");
        clock.advance(Duration.ofSeconds(9));
        assertThat(engine.client()
                        .describeTable(b -> b.tableName("Orders"))
                        .table()
                        .tableStatus())
                .isEqualTo(TableStatus.CREATING);

        clock.advance(Duration.ofSeconds(1));

        TableDescription active =
                server.client().describeTable(b -> b.tableName("Orders")).table();
        assertThat(active.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(active.globalSecondaryIndexes())
                .extracting(GlobalSecondaryIndexDescription::indexStatus)
                .containsExactly(IndexStatus.ACTIVE);
        server.client().putItem(b -> b.tableName("Orders").item(item("pk", "a")));
        assertThat(engine.client()
                        .getItem(b -> b.tableName("Orders").key(Map.of("pk", s("a"))))
                        .item())
                .isEqualTo(item("pk", "a"));
    }

    @Test
    void aTableBeingCreatedRefusesReadsWritesAndChangesAndStaysEmpty() {
        create(server.client());

        assertError(
                () -> server.client().putItem(b -> b.tableName("Orders").item(item("pk", "a"))),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found");
        assertError(
                () -> engine.client()
                        .query(b -> b.tableName("Orders")
                                .keyConditionExpression("pk = :a")
                                .expressionAttributeValues(Map.of(":a", s("a")))),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found");
        assertError(
                () -> engine.client().deleteTable(b -> b.tableName("Orders")),
                ResourceInUseException.class,
                "ResourceInUseException",
                "Attempt to change a resource which is still in use: Table is being created: Orders");
        assertError(
                () -> server.client().updateTable(b -> b.tableName("Orders").billingMode(BillingMode.PAY_PER_REQUEST)),
                ResourceInUseException.class,
                "ResourceInUseException",
                "Attempt to change a resource which is still in use: Table is being created: Orders");
        clock.advance(Duration.ofSeconds(10));

        assertThat(engine.client().scan(b -> b.tableName("Orders")).count()).isZero();
        engine.client().deleteTable(b -> b.tableName("Orders"));
        assertThat(engine.client().listTables().tableNames()).isEmpty();
    }

    @Test
    void aTableCreatedAgainAfterAResetIsCreatingAgain() {
        create(engine.client());
        clock.advance(Duration.ofSeconds(10));
        engine.reset();

        assertThat(create(engine.client()).tableStatus()).isEqualTo(TableStatus.CREATING);
        assertError(
                () -> engine.client().getItem(b -> b.tableName("Orders").key(Map.of("pk", s("a")))),
                ResourceNotFoundException.class,
                "ResourceNotFoundException",
                "Requested resource not found");
    }
}
