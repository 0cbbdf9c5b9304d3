package dev.excalibur.dynamodb.engine;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The JUnit 5 extension of the conformance suite: each test class gets one {@link Conformance}
 * target (a private in-process engine, or the configured endpoint), and its tests receive it, or
 * its clients, as parameters. Tables named through the target are deleted after each test; the
 * target is released after the class.
 *
 * <pre>{@code
 * @ExtendWith(ConformanceTarget.class)
 * class PutItemTest {
 *     @Test
 *     void storesTheItem(Conformance target) {
 *         String table = target.createTable("put", t -> t...);
 *         target.client().putItem(...);
 *     }
 * }
 * }</pre>
 */
public final class ConformanceTarget
        implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ConformanceTarget.class);
    private static final Map<Class<?>, Function<Conformance, Object>> PARAMETERS = Map.of(
            Conformance.class, target -> target,
            DynamoDbClient.class, Conformance::client,
            DynamoDbAsyncClient.class, Conformance::asyncClient,
            DynamoDbStreamsClient.class, Conformance::streamsClient);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(context.getRequiredTestClass(), ignored -> Conformance.fromEnvironment());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        target(context).deleteTables();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Conformance target = context.getStore(NAMESPACE).remove(context.getRequiredTestClass(), Conformance.class);
        if (target != null) {
            target.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PARAMETERS.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return PARAMETERS.get(parameter.getParameter().getType()).apply(target(context));
    }

    private static Conformance target(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(context.getRequiredTestClass(), Conformance.class);
    }
}
