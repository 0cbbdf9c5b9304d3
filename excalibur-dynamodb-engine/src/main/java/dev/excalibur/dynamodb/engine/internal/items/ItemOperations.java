package dev.excalibur.dynamodb.engine.internal.items;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.expressions.Condition;
import dev.excalibur.dynamodb.engine.internal.expressions.ExpressionContext;
import dev.excalibur.dynamodb.engine.internal.expressions.Expressions;
import dev.excalibur.dynamodb.engine.internal.expressions.Projection;
import dev.excalibur.dynamodb.engine.internal.expressions.Update;
import dev.excalibur.dynamodb.engine.internal.service.ModeledErrors;
import dev.excalibur.dynamodb.engine.internal.tables.Capacity;
import dev.excalibur.dynamodb.engine.internal.tables.Catalog;
import dev.excalibur.dynamodb.engine.internal.tables.Table;
import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * GetItem, PutItem, UpdateItem and DeleteItem. Each write reads, checks and replaces its item under the table's
 * write lock (see {@link Table}), so conditional writes on one item are linearizable. Internal to the engine.
 */
public final class ItemOperations {

    private static final String RETURN_VALUES = "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]";

    private final Catalog catalog;

    public ItemOperations(Catalog catalog) {
        this.catalog = catalog;
    }

    // ---------------------------------------------------------------- GetItem

    public GetItemResponse getItem(GetItemRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        Projection projection = readProjection(
                request.projectionExpression(),
                request.hasAttributesToGet() ? request.attributesToGet() : null,
                request.expressionAttributeNames());
        if (!request.hasKey()) {
            throw validation(notNull("key"));
        }
        Table table = catalog.require(request.tableName());
        Map<String, AttributeValue> key = table.validateKey(request.key());
        Map<String, AttributeValue> item;
        table.lock().readLock().lock();
        try {
            item = table.get(key);
        } finally {
            table.lock().readLock().unlock();
        }
        boolean consistent = Boolean.TRUE.equals(request.consistentRead());
        GetItemResponse.Builder response = GetItemResponse.builder()
                .consumedCapacity(Capacity.reads(table.definition())
                        .as(request.tableName())
                        .addTable(Capacity.readUnits(item == null ? 0 : AttributeValues.itemSize(item), consistent))
                        .toSdk(capacityMode));
        if (item != null) {
            response.item(projection == null ? item : projection.apply(item));
        }
        return response.build();
    }

    /**
     * The projection of a read (GetItem, BatchGetItem's and TransactGetItems' entries): a ProjectionExpression, or
     * legacy AttributesToGet (top-level names), or null for the whole item.
     */
    public static Projection readProjection(
            String expression, List<String> attributesToGet, Map<String, String> names) {
        Requests.refuseMixing(
                Requests.present("AttributesToGet", attributesToGet != null),
                Requests.present("ProjectionExpression", expression != null));
        ExpressionContext context = new ExpressionContext(names, null);
        Projection projection = expression == null ? null : Expressions.projection(expression, context);
        context.requireAllUsed();
        return attributesToGet != null ? topLevel(attributesToGet) : projection;
    }

    /** The projection of legacy AttributesToGet: the named top-level attributes the item has. */
    static Projection topLevel(List<String> attributesToGet) {
        return item -> {
            Map<String, AttributeValue> projected = new LinkedHashMap<>();
            attributesToGet.stream().filter(item::containsKey).forEach(n -> projected.put(n, item.get(n)));
            return projected;
        };
    }

    // ---------------------------------------------------------------- PutItem

    public PutItemResponse putItem(PutItemRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        ReturnValue returnValues = oldOrNone(request.returnValues(), request.returnValuesAsString());
        boolean oldOnFailure = allOldOnFailure(
                request.returnValuesOnConditionCheckFailure(), request.returnValuesOnConditionCheckFailureAsString());
        boolean metrics = Requests.collectionMetricsAsked(
                request.returnItemCollectionMetrics(), request.returnItemCollectionMetricsAsString());
        if (!request.hasItem()) {
            throw validation(notNull("item"));
        }
        Map<String, AttributeValue> item = AttributeValues.validateItem(request.item());
        Condition condition = writeCondition(
                request.conditionExpression(),
                request.hasExpected(),
                request.expected(),
                request.conditionalOperator(),
                request.expressionAttributeNames(),
                request.expressionAttributeValues());
        Table table = catalog.require(request.tableName());
        table.validateItemKeys(item);
        ItemWrite.Outcome outcome =
                run(new ItemWrite(table, table.keys().keyOf(item), condition, current -> item), oldOnFailure);
        PutItemResponse.Builder response = PutItemResponse.builder()
                .consumedCapacity(writeCapacity(table, request.tableName(), outcome, capacityMode))
                .itemCollectionMetrics(Requests.collectionMetrics(table, item, metrics));
        if (returnValues == ReturnValue.ALL_OLD && outcome.before() != null) {
            response.attributes(outcome.before());
        }
        return response.build();
    }

    // ---------------------------------------------------------------- DeleteItem

    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        ReturnValue returnValues = oldOrNone(request.returnValues(), request.returnValuesAsString());
        boolean oldOnFailure = allOldOnFailure(
                request.returnValuesOnConditionCheckFailure(), request.returnValuesOnConditionCheckFailureAsString());
        boolean metrics = Requests.collectionMetricsAsked(
                request.returnItemCollectionMetrics(), request.returnItemCollectionMetricsAsString());
        if (!request.hasKey()) {
            throw validation(notNull("key"));
        }
        Condition condition = writeCondition(
                request.conditionExpression(),
                request.hasExpected(),
                request.expected(),
                request.conditionalOperator(),
                request.expressionAttributeNames(),
                request.expressionAttributeValues());
        Table table = catalog.require(request.tableName());
        Map<String, AttributeValue> key = table.validateKey(request.key());
        ItemWrite.Outcome outcome = run(new ItemWrite(table, key, condition, current -> null), oldOnFailure);
        DeleteItemResponse.Builder response = DeleteItemResponse.builder()
                .consumedCapacity(writeCapacity(table, request.tableName(), outcome, capacityMode))
                .itemCollectionMetrics(Requests.collectionMetrics(table, key, metrics));
        if (returnValues == ReturnValue.ALL_OLD && outcome.before() != null) {
            response.attributes(outcome.before());
        }
        return response.build();
    }

    // ---------------------------------------------------------------- UpdateItem

    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        ReturnValue returnValues = returnValues(request.returnValues(), request.returnValuesAsString());
        boolean oldOnFailure = allOldOnFailure(
                request.returnValuesOnConditionCheckFailure(), request.returnValuesOnConditionCheckFailureAsString());
        boolean metrics = Requests.collectionMetricsAsked(
                request.returnItemCollectionMetrics(), request.returnItemCollectionMetricsAsString());
        if (!request.hasKey()) {
            throw validation(notNull("key"));
        }
        Requests.refuseMixing(
                Requests.present("AttributeUpdates", request.hasAttributeUpdates(), "Expected", request.hasExpected()),
                Requests.present(
                        "UpdateExpression",
                        request.updateExpression() != null,
                        "ConditionExpression",
                        request.conditionExpression() != null));
        ExpressionContext context =
                new ExpressionContext(request.expressionAttributeNames(), request.expressionAttributeValues());
        Update update = request.updateExpression() != null
                ? Expressions.update(request.updateExpression(), context)
                : request.hasAttributeUpdates() ? Expressions.attributeUpdates(request.attributeUpdates()) : null;
        Condition condition = request.conditionExpression() != null
                ? Expressions.condition(request.conditionExpression(), context)
                : request.hasExpected()
                        ? Expressions.expected(request.expected(), request.conditionalOperator())
                        : null;
        context.requireAllUsed(
                request.updateExpression() != null || request.conditionExpression() != null,
                "UpdateExpression",
                "ConditionExpression");
        Table table = catalog.require(request.tableName());
        Map<String, AttributeValue> key = table.validateKey(request.key());
        refuseKeyUpdate(table, update);
        boolean createsItem = !request.hasAttributeUpdates()
                || request.attributeUpdates().values().stream().anyMatch(u -> u.action() != AttributeAction.DELETE);
        ItemWrite.Outcome outcome =
                run(new ItemWrite(table, key, condition, updateChange(key, update, createsItem)), oldOnFailure);
        UpdateItemResponse.Builder response = UpdateItemResponse.builder()
                .consumedCapacity(writeCapacity(table, request.tableName(), outcome, capacityMode))
                .itemCollectionMetrics(Requests.collectionMetrics(table, key, metrics));
        Map<String, AttributeValue> attributes = switch (returnValues) {
            case ALL_OLD -> outcome.before();
            case ALL_NEW -> outcome.after();
            case UPDATED_OLD ->
                outcome.before() == null || update == null
                        ? null
                        : update.updatedPaths().apply(outcome.before());
            case UPDATED_NEW ->
                outcome.after() == null || update == null
                        ? null
                        : update.updatedPaths().apply(outcome.after());
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty()) {
            response.attributes(attributes);
        }
        return response.build();
    }

    /**
     * The change an update makes: applied to the current item, or to the key alone when the item does not exist
     * (UpdateItem creates it). {@code createsItem} is false for legacy AttributeUpdates made only of DELETE actions,
     * which the service documents as doing nothing on a missing item.
     */
    // Documentation is silent on whether an UpdateExpression of only REMOVE/DELETE creates a missing item; the engine
    // creates it (key only), as for any other update expression.
    public static UnaryOperator<Map<String, AttributeValue>> updateChange(
            Map<String, AttributeValue> key, Update update, boolean createsItem) {
        return current -> {
            if (current == null && !createsItem) {
                return null;
            }
            Map<String, AttributeValue> base = current == null ? key : current;
            return update == null ? (current == null ? new LinkedHashMap<>(key) : current) : update.apply(base);
        };
    }

    /** Refuses an update that touches a key attribute of the table. */
    public static void refuseKeyUpdate(Table table, Update update) {
        if (update == null) {
            return;
        }
        for (String attribute : update.topLevelNames()) {
            if (table.keys().typeOf(attribute) != null) {
                throw validation("One or more parameter values were invalid: Cannot update attribute " + attribute
                        + ". This attribute is part of the key");
            }
        }
    }

    /** The capacity one item write consumed, as the request asked for it. */
    private static ConsumedCapacity writeCapacity(
            Table table, String tableName, ItemWrite.Outcome outcome, ReturnConsumedCapacity capacityMode) {
        return Capacity.writes(table.definition())
                .as(tableName)
                .addItemWrite(outcome.before(), outcome.after(), 1)
                .toSdk(capacityMode);
    }

    /** The condition of a PutItem/DeleteItem: a ConditionExpression or legacy Expected, never both. */
    static Condition writeCondition(
            String expression,
            boolean hasExpected,
            Map<String, ExpectedAttributeValue> expected,
            ConditionalOperator operator,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        Requests.refuseMixing(
                Requests.present("Expected", hasExpected), Requests.present("ConditionExpression", expression != null));
        ExpressionContext context = new ExpressionContext(names, values);
        Condition condition = expression == null ? null : Expressions.condition(expression, context);
        context.requireAllUsed(expression != null, "ConditionExpression");
        return condition != null ? condition : hasExpected ? Expressions.expected(expected, operator) : null;
    }

    /** Runs one write under its table's write lock; a failed condition throws ConditionalCheckFailedException. */
    static ItemWrite.Outcome run(ItemWrite write, boolean oldOnFailure) {
        Table table = write.table();
        table.lock().writeLock().lock();
        try {
            if (table.deleted()) {
                throw ModeledErrors.resourceNotFound("Requested resource not found");
            }
            ItemWrite.Outcome outcome = write.evaluate();
            if (!outcome.passed()) {
                throw ModeledErrors.conditionalCheckFailed(oldOnFailure ? outcome.before() : null);
            }
            write.apply(outcome);
            return outcome;
        } finally {
            table.lock().writeLock().unlock();
        }
    }

    static ReturnValue returnValues(ReturnValue value, String text) {
        if (text == null) {
            return ReturnValue.NONE;
        }
        if (value == ReturnValue.UNKNOWN_TO_SDK_VERSION) {
            throw validation(Requests.enumError(text, "returnValues", RETURN_VALUES));
        }
        return value;
    }

    private static ReturnValue oldOrNone(ReturnValue value, String text) {
        ReturnValue checked = returnValues(value, text);
        if (checked != ReturnValue.NONE && checked != ReturnValue.ALL_OLD) {
            throw validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return checked;
    }

    /** True for ReturnValuesOnConditionCheckFailure=ALL_OLD; refuses values outside the enum. */
    public static boolean allOldOnFailure(ReturnValuesOnConditionCheckFailure value, String text) {
        if (text == null) {
            return false;
        }
        if (value == ReturnValuesOnConditionCheckFailure.UNKNOWN_TO_SDK_VERSION) {
            throw validation(Requests.enumError(text, "returnValuesOnConditionCheckFailure", "[ALL_OLD, NONE]"));
        }
        return value == ReturnValuesOnConditionCheckFailure.ALL_OLD;
    }

    static String notNull(String member) {
        return "1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null";
    }
}
