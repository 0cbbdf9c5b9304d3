package dev.excalibur.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** The conformance harness: which target a run uses, what a test receives, and the table names it hands out. */
@ExtendWith(ConformanceTarget.class)
class ConformanceTargetTest {

    @Test
    void handsATestItsTargetAndTheTargetsClients(
            Conformance target, DynamoDbClient client, DynamoDbAsyncClient asyncClient) {
        assertThat(client).isSameAs(target.client());
        assertThat(asyncClient).isSameAs(target.asyncClient());
    }

    @Test
    void givesEveryTestOfAClassTheSameTarget(Conformance target) {
        assertThat(target).isNotNull();
        assertThat(target.isEngine())
                .isEqualTo(Conformance.configuredEndpoint(System::getProperty, System::getenv)
                        .isEmpty());
    }

    @Test
    @SuppressWarnings("unchecked")
    void createsActiveTablesAndDeletesTheTablesItNamed(Conformance target) {
        String created = target.createTable(
                "created",
                t -> t.billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
        String neverCreated = target.newTableName("never-created");

        assertThat(target.client()
                        .describeTable(b -> b.tableName(created))
                        .table()
                        .tableStatus())
                .isEqualTo(TableStatus.ACTIVE);
        target.deleteTables();
        assertThat(target.client().listTables().tableNames()).doesNotContain(created, neverCreated);
    }

    @Test
    void runsOnAnInProcessEngineWhenNoEndpointIsConfigured() {
        assertThat(Conformance.configuredEndpoint(name -> null, name -> null)).isEmpty();
        assertThat(Conformance.configuredEndpoint(name -> " ", name -> "")).isEmpty();
    }

    @Test
    void prefersTheSystemPropertyToTheEnvironmentVariable() {
        Map<String, String> properties = Map.of("excalibur.dynamodb.endpoint", "http://127.0.0.1:8000");
        Map<String, String> environment =
                Map.of("EXCALIBUR_DYNAMODB_ENDPOINT", "https://dynamodb.eu-west-1.amazonaws.com");

        assertThat(Conformance.configuredEndpoint(properties::get, environment::get))
                .contains(URI.create("http://127.0.0.1:8000"));
        assertThat(Conformance.configuredEndpoint(name -> null, environment::get))
                .contains(URI.create("https://dynamodb.eu-west-1.amazonaws.com"));
    }

    @Test
    void namesTablesUniquelyWithinTheServicesNameRules() {
        Conformance target = Conformance.fromEnvironment();
        try {
            String first = target.newTableName("orders by/customer");
            String second = target.newTableName("orders by/customer");
            String longest = target.newTableName("x".repeat(300));

            assertThat(first)
                    .isNotEqualTo(second)
                    .matches("[A-Za-z0-9_.-]{3,255}")
                    .contains("orders_by_customer");
            assertThat(longest).matches("[A-Za-z0-9_.-]{3,255}");
        } finally {
            target.close();
        }
    }

    @Test
    void skipsEngineOnlyTestsAgainstAnEndpointSayingWhy() {
        String region = System.getProperty("aws.region");
        System.setProperty("aws.region", region == null ? "us-east-1" : region);
        Conformance remote = Conformance.against(URI.create("http://127.0.0.1:9"));
        try {
            assertThat(remote.isEngine()).isFalse();
            assertThatThrownBy(remote::engine)
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("needs the in-process engine's own controls")
                    .hasMessageContaining("http://127.0.0.1:9");
        } finally {
            remote.close();
            if (region == null) {
                System.clearProperty("aws.region");
            }
        }
    }
}
