package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.cloudnative.CloudNativePersistenceProvider;
import dev.excalibur.data.cloudnative.CloudNativeProviderInfo;
import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.CloudProviderType;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.PersistenceProviderHealth;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.TestTableName;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The .NET package's provider conformance behaviours, run against the embedded engine. */
@ExtendWith(EmbeddedDynamoDbExtension.class)
class ProviderConformanceTest {

    private TestProviders.TestProvider fixture;
    private CloudNativePersistenceProvider provider;
    private final PartitionKey pk = PartitionKey.of("test-pk", "/pk");

    @BeforeEach
    void open(EmbeddedDynamoDb db, @TestTableName String table) {
        fixture = TestProviders.open(db, table);
        provider = fixture.provider();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void providerHasNameAndCloudNativeTypes() {
        assertThat(provider.name()).isEqualTo("DynamoDb");
        assertThat(provider.providerType()).isEqualTo("CloudNative");
        assertThat(provider.documentStoreType()).isEqualTo("DynamoDB");
    }

    @Test
    void providerInfoSaysDynamoDbWithChangeFeedAndMultiRegionWrites() {
        CloudNativeProviderInfo info =
                provider.getService(CloudNativeProviderInfo.class).orElseThrow();
        assertThat(info.cloudProvider()).isEqualTo(CloudProviderType.DYNAMO_DB);
        assertThat(info.supportsChangeFeed()).isTrue();
        assertThat(info.supportsMultiRegionWrites()).isTrue();
    }

    @Test
    void unknownCapabilityIsEmpty() {
        assertThat(provider.getService(String.class)).isEmpty();
    }

    @Test
    void healthReallyDescribesTheTable() {
        PersistenceProviderHealth health =
                provider.getService(PersistenceProviderHealth.class).orElseThrow();
        assertThat(health.isAvailable()).isTrue();
        assertThat(await(health.testConnection())).isTrue();
    }

    @Test
    void createThenGetByIdRoundTrips() {
        TestDocument doc = new TestDocument(UUID.randomUUID().toString(), "Test", 42);
        CloudOperationResult<TestDocument> created = await(provider.create(doc, pk));
        assertThat(created.success()).isTrue();
        assertThat(created.etag()).isNotBlank();

        CloudOperationResult<TestDocument> read = await(provider.getById(doc.id(), pk, null, TestDocument.class));
        assertThat(read.success()).isTrue();
        assertThat(read.document()).isEqualTo(doc);
        assertThat(read.etag()).isEqualTo(created.etag());
    }

    @Test
    void updatePersistsChanges() {
        TestDocument doc = new TestDocument(UUID.randomUUID().toString(), "Before", 1);
        await(provider.create(doc, pk));
        CloudOperationResult<TestDocument> updated = await(provider.update(doc.withName("After"), pk, null));
        assertThat(updated.success()).isTrue();

        TestDocument reread =
                await(provider.getById(doc.id(), pk, null, TestDocument.class)).document();
        assertThat(reread.name()).isEqualTo("After");
    }

    @Test
    void deleteRemovesDocument() {
        TestDocument doc = new TestDocument(UUID.randomUUID().toString(), "Doomed", 7);
        await(provider.create(doc, pk));
        assertThat(await(provider.delete(doc.id(), pk, null)).success()).isTrue();

        CloudOperationResult<TestDocument> reread = await(provider.getById(doc.id(), pk, null, TestDocument.class));
        assertThat(reread.isNotFound()).isTrue();
        assertThat(reread.findDocument()).isEmpty();
    }

    @Test
    void getByIdOfMissingDocumentIsNotFound() {
        CloudOperationResult<TestDocument> read =
                await(provider.getById("non-existent-id", pk, null, TestDocument.class));
        assertThat(read.success()).isFalse();
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.document()).isNull();
    }

    @Test
    void writesReportConsumedCapacityAsRequestCharge() {
        TestDocument doc = new TestDocument(UUID.randomUUID().toString(), "Charged", 1);
        assertThat(await(provider.create(doc, pk)).requestCharge()).isPositive();
        assertThat(await(provider.getById(doc.id(), pk, null, TestDocument.class))
                        .requestCharge())
                .isPositive();
    }
}
