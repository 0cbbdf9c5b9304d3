package dev.excalibur.dynamodb.test;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * JUnit 5 extension that runs tests against the {@link EmbeddedDynamoDb#shared() shared} in-process
 * engine (one engine per JVM, started on first use), or, with {@code excalibur.dynamodb.endpoint} set,
 * against that endpoint (see {@link EmbeddedDynamoDb#shared()}).
 *
 * <p>Test, lifecycle and constructor parameters of these types are filled in:
 * {@link EmbeddedDynamoDb}, {@link DynamoDbClient}, {@link DynamoDbAsyncClient},
 * {@link DynamoDbStreamsClient}, {@link DynamoDbStreamsAsyncClient} (the shared clients; do not close
 * them) and a {@code String} annotated {@link TestTableName} (a table name of the test's own, whose
 * table is deleted after the test).
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedDynamoDbExtension.class)
 * class OrderRepositoryTest {
 *     @Test
 *     void savesOrders(DynamoDbClient client, @TestTableName String table) { ... }
 * }
 * }</pre>
 */
public final class EmbeddedDynamoDbExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedDynamoDbExtension.class);
    private static final String TABLE_NAME = "tableName";
    private static final Map<Class<?>, Function<EmbeddedDynamoDb, Object>> RESOLVABLE = Map.of(
            EmbeddedDynamoDb.class, db -> db,
            DynamoDbClient.class, EmbeddedDynamoDb::client,
            DynamoDbAsyncClient.class, EmbeddedDynamoDb::asyncClient,
            DynamoDbStreamsClient.class, EmbeddedDynamoDb::streamsClient,
            DynamoDbStreamsAsyncClient.class, EmbeddedDynamoDb::streamsAsyncClient);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (parameter.isAnnotated(TestTableName.class)) {
            if (type != String.class) {
                throw new ParameterResolutionException(
                        "@TestTableName goes on a String parameter, not " + type.getName());
            }
            return true;
        }
        return RESOLVABLE.containsKey(type);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
        if (parameter.isAnnotated(TestTableName.class)) {
            return context.getStore(NAMESPACE)
                    .getOrComputeIfAbsent(TABLE_NAME, key -> db.newTableName(tableHint(context)), String.class);
        }
        return RESOLVABLE.get(parameter.getParameter().getType()).apply(db);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String table = context.getStore(NAMESPACE).remove(TABLE_NAME, String.class);
        if (table != null) {
            try {
                EmbeddedDynamoDb.shared().client().deleteTable(b -> b.tableName(table));
            } catch (ResourceNotFoundException tableNeverCreated) {
                // the test did not create its table: nothing to clean up
            }
        }
    }

    private static String tableHint(ExtensionContext context) {
        String type = context.getRequiredTestClass().getSimpleName();
        return context.getTestMethod()
                .map(method -> type + "_" + method.getName())
                .orElse(type);
    }
}
