package dev.excalibur.data.dynamodb;

import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.FaultInjector;
import dev.excalibur.dynamodb.test.TestTableName;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A provider of its own for each test, on the test's table, whose requests pass through {@link #faults}; the injector
 * is reset once the provider is set up, so it sees only what the test sends. Closed after the test.
 */
@ExtendWith(EmbeddedDynamoDbExtension.class)
abstract class ProviderPerTest {

    final FaultInjector faults = FaultInjector.create();
    DynamoDbPersistenceProvider provider;
    private EmbeddedDynamoDb db;
    private String table;
    private TestProviders.TestProvider fixture;

    @BeforeEach
    void openProvider(EmbeddedDynamoDb db, @TestTableName String table) {
        this.db = db;
        this.table = table;
        open(o -> {});
    }

    /** Replaces the test's provider by one on the same table set up further by {@code options}. */
    void reopen(Consumer<DynamoDbOptions.Builder> options) {
        fixture.close();
        open(options);
    }

    private void open(Consumer<DynamoDbOptions.Builder> options) {
        fixture = TestProviders.open(db, table, options, faults);
        provider = fixture.provider();
        faults.reset();
    }

    @AfterEach
    void closeProvider() {
        fixture.close();
    }
}
