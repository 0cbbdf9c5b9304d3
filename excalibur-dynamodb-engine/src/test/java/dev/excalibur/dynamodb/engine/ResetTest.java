package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.definition;
import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.key;
import static dev.excalibur.dynamodb.engine.EngineFixture.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** {@code reset()}: the engine is as new (tables, items, streams, idempotency tokens, fault rules, request log) and every client keeps working. */
class ResetTest {

    private static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                .keySchema(key("pk", KeyType.HASH)));
    }

    private static void transact(DynamoDbClient client, String token, String pk) {
        client.transactWriteItems(b -> b.clientRequestToken(token)
                .transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName("Orders").item(item("pk", pk)))
                        .build()));
    }

    @Test
    void dropsTablesItemsTokensRulesAndLogWhileEveryClientKeepsWorking() {
        try (DynamoDbEngine engine = DynamoDbEngine.create();
                DynamoDbEngineServer server =
                        DynamoDbEngineServer.create(engine, 0).start()) {
            createTable(engine.client(), "Orders");
            server.client()
                    .createTable(b -> b.tableName("Other")
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(definition("pk", ScalarAttributeType.S))
                            .keySchema(key("pk", KeyType.HASH))
                            .streamSpecification(
                                    spec -> spec.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
            transact(engine.client(), "token-1", "a");
            engine.faults().add(FaultRule.on("GetItem").throttle());

            engine.reset();

            assertThat(engine.faults().rules()).isEmpty();
            assertThat(engine.requests()).isEmpty();
            assertThat(engine.client().listTables().tableNames()).isEmpty();
            assertThat(server.client().listTables().tableNames()).isEmpty();
            assertThat(engine.asyncClient().listTables().join().tableNames()).isEmpty();
            assertThat(server.streamsClient().listStreams().streams()).isEmpty();
            createTable(server.client(), "Orders");
            assertThat(engine.client()
                            .getItem(b -> b.tableName("Orders").key(Map.of("pk", s("a"))))
                            .hasItem())
                    .isFalse();
            // the token named other parameters before the reset; reused now with new ones, it is a new transaction
            transact(engine.client(), "token-1", "b");
            assertThat(engine.client()
                            .getItem(b -> b.tableName("Orders").key(Map.of("pk", s("b"))))
                            .item())
                    .isEqualTo(item("pk", "b"));
            assertThat(engine.requests())
                    .extracting(EngineRequest::operation)
                    .containsExactly(
                            "ListTables",
                            "ListTables",
                            "ListTables",
                            "ListStreams",
                            "CreateTable",
                            "GetItem",
                            "TransactWriteItems",
                            "GetItem");
        }
    }
}
