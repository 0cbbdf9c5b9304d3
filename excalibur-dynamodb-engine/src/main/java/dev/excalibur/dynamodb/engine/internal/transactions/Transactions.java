package dev.excalibur.dynamodb.engine.internal.transactions;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.expressions.Condition;
import dev.excalibur.dynamodb.engine.internal.expressions.ExpressionContext;
import dev.excalibur.dynamodb.engine.internal.expressions.Expressions;
import dev.excalibur.dynamodb.engine.internal.expressions.Projection;
import dev.excalibur.dynamodb.engine.internal.expressions.Update;
import dev.excalibur.dynamodb.engine.internal.items.ItemOperations;
import dev.excalibur.dynamodb.engine.internal.items.ItemWrite;
import dev.excalibur.dynamodb.engine.internal.items.Requests;
import dev.excalibur.dynamodb.engine.internal.service.ModeledErrors;
import dev.excalibur.dynamodb.engine.internal.tables.Capacity;
import dev.excalibur.dynamodb.engine.internal.tables.Catalog;
import dev.excalibur.dynamodb.engine.internal.tables.Table;
import dev.excalibur.dynamodb.engine.internal.values.AttributeValues;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.function.IntFunction;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * TransactWriteItems and TransactGetItems. A write transaction is planned first (static errors — expressions,
 * placeholders, missing tables, one item twice, sizes — refuse the request as a whole); then the write locks of all
 * its tables are taken in the catalog's global order ({@link Table#order()}), every action is evaluated, and either
 * all are applied or none, with a cancellation reason for every action ({@code None} for those that would have
 * succeeded). An error in an action's key, or a runtime error of its update, is a {@code ValidationError} reason.
 * A {@code ClientRequestToken} makes a successful transaction idempotent for 10 minutes after it completes,
 * measured on the engine clock. Internal to the engine.
 */
public final class Transactions {

    private static final int ACTION_LIMIT = 100;
    private static final long SIZE_LIMIT = 4L * 1024 * 1024;
    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofMinutes(10);

    private final Catalog catalog;
    private final Clock clock;
    private final Map<String, Token> tokens = new HashMap<>();

    /** What a token was used for: the request's actions, and when it completed (null while it runs). */
    private record Token(List<TransactWriteItem> items, Instant completed) {}

    /** One planned action: its write, or the ValidationError that cancels it; and whether ALL_OLD is asked on failure. */
    private record Action(Table table, ItemWrite write, String validationError, boolean oldOnFailure) {}

    public Transactions(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Forgets every client request token, used or running. */
    public void forgetTokens() {
        synchronized (tokens) {
            tokens.clear();
        }
    }

    // ---------------------------------------------------------------- TransactWriteItems

    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        boolean metrics = Requests.collectionMetricsAsked(
                request.returnItemCollectionMetrics(), request.returnItemCollectionMetricsAsString());
        List<TransactWriteItem> items = request.hasTransactItems() ? request.transactItems() : List.of();
        checkCount(items.size());
        String token = request.clientRequestToken();
        if (token != null && (token.isEmpty() || token.length() > 36)) {
            throw validation("1 validation error detected: Value '" + token
                    + "' at 'clientRequestToken' failed to satisfy constraint: Member must have length "
                    + (token.isEmpty() ? "greater than or equal to 1" : "less than or equal to 36"));
        }
        List<Action> actions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long size = 0;
        for (int i = 0; i < items.size(); i++) {
            TransactWriteItem item = items.get(i);
            Action action = plan(item, i + 1);
            actions.add(action);
            if (action.write() != null
                    && !seen.add(action.table().name() + "\u0000"
                            + action.table().storedKey(action.write().key()))) {
                throw validation("Transaction request cannot include multiple operations on one item");
            }
            if (item.put() != null) {
                size += AttributeValues.itemSize(item.put().item());
            }
        }
        if (size > SIZE_LIMIT) {
            // Documentation is silent on the wording; the 4 MB aggregate limit is documented.
            throw validation("Transaction request size exceeded the maximum allowed size of 4 MB");
        }
        if (token != null && replayed(token, items)) {
            // Documented: a replayed request reports read units, one strongly consistent read per item.
            return TransactWriteItemsResponse.builder()
                    .consumedCapacity(capacities(
                            actions,
                            i -> Capacity.reads(actions.get(i).table().definition())
                                    .addTable(Capacity.readUnits(0, true)),
                            capacityMode))
                    .build();
        }
        List<ItemWrite.Outcome> outcomes;
        try {
            outcomes = execute(actions);
        } catch (RuntimeException e) {
            if (token != null) {
                forget(token);
            }
            throw e;
        }
        if (token != null) {
            completed(token, items);
        }
        Map<String, List<ItemCollectionMetrics>> collections = new LinkedHashMap<>();
        for (Action action : actions) {
            ItemCollectionMetrics collection = action.write().change() == null
                    ? null
                    : Requests.collectionMetrics(action.table(), action.write().key(), metrics);
            if (collection != null) {
                collections
                        .computeIfAbsent(action.table().name(), t -> new ArrayList<>())
                        .add(collection);
            }
        }
        TransactWriteItemsResponse.Builder response = TransactWriteItemsResponse.builder()
                // Documentation is silent on a ConditionCheck's units; the engine charges it as a write of the checked
                // item.
                .consumedCapacity(capacities(
                        actions,
                        i -> Capacity.writes(actions.get(i).table().definition())
                                .addItemWrite(
                                        outcomes.get(i).before(),
                                        outcomes.get(i).after(),
                                        2),
                        capacityMode));
        if (!collections.isEmpty()) {
            response.itemCollectionMetrics(collections);
        }
        return response.build();
    }

    private static void checkCount(int count) {
        if (count < 1) {
            throw validation(
                    "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
        }
        if (count > ACTION_LIMIT) {
            throw validation(
                    "1 validation error detected at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100");
        }
    }

    /** Plans the action at 1-based {@code position} (the service's error messages count members from 1). */
    private Action plan(TransactWriteItem item, int position) {
        int members = (item.put() == null ? 0 : 1)
                + (item.update() == null ? 0 : 1)
                + (item.delete() == null ? 0 : 1)
                + (item.conditionCheck() == null ? 0 : 1);
        if (members != 1) {
            throw validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        if (item.put() != null) {
            Put put = item.put();
            Map<String, AttributeValue> newItem = AttributeValues.validateItem(put.item());
            Condition condition = condition(
                    put.conditionExpression(), put.expressionAttributeNames(), put.expressionAttributeValues());
            boolean old = ItemOperations.allOldOnFailure(
                    put.returnValuesOnConditionCheckFailure(), put.returnValuesOnConditionCheckFailureAsString());
            Table table = catalog.require(put.tableName());
            try {
                table.validateItemKeys(newItem);
            } catch (DynamoDbException e) {
                return new Action(table, null, message(e), old);
            }
            return new Action(
                    table, new ItemWrite(table, table.keys().keyOf(newItem), condition, current -> newItem), null, old);
        }
        if (item.update() != null) {
            software.amazon.awssdk.services.dynamodb.model.Update update = item.update();
            if (update.updateExpression() == null) {
                throw validation("1 validation error detected: Value null at 'transactItems." + position
                        + ".member.update.updateExpression' failed to satisfy constraint: Member must not be null");
            }
            ExpressionContext context =
                    new ExpressionContext(update.expressionAttributeNames(), update.expressionAttributeValues());
            Update change = Expressions.update(update.updateExpression(), context);
            Condition condition = update.conditionExpression() == null
                    ? null
                    : Expressions.condition(update.conditionExpression(), context);
            context.requireAllUsed();
            boolean old = ItemOperations.allOldOnFailure(
                    update.returnValuesOnConditionCheckFailure(), update.returnValuesOnConditionCheckFailureAsString());
            Table table = catalog.require(update.tableName());
            Map<String, AttributeValue> key;
            try {
                key = table.validateKey(update.key());
            } catch (DynamoDbException e) {
                return new Action(table, null, message(e), old);
            }
            ItemOperations.refuseKeyUpdate(table, change);
            return new Action(
                    table,
                    new ItemWrite(table, key, condition, ItemOperations.updateChange(key, change, true)),
                    null,
                    old);
        }
        if (item.delete() != null) {
            Delete delete = item.delete();
            return keyed(
                    delete.tableName(),
                    delete.key(),
                    condition(
                            delete.conditionExpression(),
                            delete.expressionAttributeNames(),
                            delete.expressionAttributeValues()),
                    ItemOperations.allOldOnFailure(
                            delete.returnValuesOnConditionCheckFailure(),
                            delete.returnValuesOnConditionCheckFailureAsString()),
                    false);
        }
        ConditionCheck check = item.conditionCheck();
        if (check.conditionExpression() == null) {
            throw validation(
                    "1 validation error detected: Value null at 'transactItems." + position
                            + ".member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null");
        }
        return keyed(
                check.tableName(),
                check.key(),
                condition(
                        check.conditionExpression(),
                        check.expressionAttributeNames(),
                        check.expressionAttributeValues()),
                ItemOperations.allOldOnFailure(
                        check.returnValuesOnConditionCheckFailure(),
                        check.returnValuesOnConditionCheckFailureAsString()),
                true);
    }

    private Action keyed(
            String tableName, Map<String, AttributeValue> rawKey, Condition condition, boolean old, boolean checkOnly) {
        Table table = catalog.require(tableName);
        try {
            Map<String, AttributeValue> key = table.validateKey(rawKey);
            return new Action(
                    table, new ItemWrite(table, key, condition, checkOnly ? null : current -> null), null, old);
        } catch (DynamoDbException e) {
            return new Action(table, null, message(e), old);
        }
    }

    private static Condition condition(
            String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        ExpressionContext context = new ExpressionContext(names, values);
        Condition condition = expression == null ? null : Expressions.condition(expression, context);
        context.requireAllUsed(expression != null, "ConditionExpression");
        return condition;
    }

    private static String message(DynamoDbException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return details == null ? e.getMessage() : details.errorMessage();
    }

    private static List<ItemWrite.Outcome> execute(List<Action> actions) {
        List<Lock> locks = lockOrder(actions.stream().map(Action::table).toList()).stream()
                .map(table -> (Lock) table.lock().writeLock())
                .toList();
        locks.forEach(Lock::lock);
        try {
            for (Action action : actions) {
                if (action.table().deleted()) {
                    throw ModeledErrors.resourceNotFound("Requested resource not found");
                }
            }
            List<ItemWrite.Outcome> outcomes = new ArrayList<>();
            List<CancellationReason> reasons = new ArrayList<>();
            boolean cancelled = false;
            for (Action action : actions) {
                ItemWrite.Outcome outcome = null;
                CancellationReason reason;
                if (action.validationError() != null) {
                    reason = CancellationReason.builder()
                            .code("ValidationError")
                            .message(action.validationError())
                            .build();
                } else {
                    try {
                        outcome = action.write().evaluate();
                        reason = outcome.passed()
                                ? CancellationReason.builder().code("None").build()
                                : conditionFailed(action, outcome);
                    } catch (DynamoDbException e) {
                        reason = CancellationReason.builder()
                                .code("ValidationError")
                                .message(message(e))
                                .build();
                    }
                }
                cancelled |= !"None".equals(reason.code());
                reasons.add(reason);
                outcomes.add(outcome);
            }
            if (cancelled) {
                throw ModeledErrors.transactionCanceled(reasons);
            }
            for (int i = 0; i < actions.size(); i++) {
                actions.get(i).write().apply(outcomes.get(i));
            }
            return outcomes;
        } finally {
            for (int i = locks.size() - 1; i >= 0; i--) {
                locks.get(i).unlock();
            }
        }
    }

    private static CancellationReason conditionFailed(Action action, ItemWrite.Outcome outcome) {
        CancellationReason.Builder failed =
                CancellationReason.builder().code("ConditionalCheckFailed").message("The conditional request failed");
        if (action.oldOnFailure() && outcome.before() != null) {
            failed.item(outcome.before());
        }
        return failed.build();
    }

    /** The distinct tables in the global lock order. */
    private static List<Table> lockOrder(Collection<Table> tables) {
        return tables.stream()
                .distinct()
                .sorted(Comparator.comparingLong(Table::order))
                .toList();
    }

    /** One ConsumedCapacity per table (in name order), each the sum of its actions' capacities (by action index). */
    private static List<ConsumedCapacity> capacities(
            List<Action> actions, IntFunction<Capacity> perAction, ReturnConsumedCapacity mode) {
        Map<String, Capacity> byTable = new TreeMap<>();
        for (int i = 0; i < actions.size(); i++) {
            byTable.merge(actions.get(i).table().name(), perAction.apply(i), Capacity::merge);
        }
        return Capacity.toSdk(byTable.values(), mode);
    }

    // ---------------------------------------------------------------- idempotency

    /** True when the token completed the same request within the window; throws on a mismatch or while it runs. */
    private boolean replayed(String token, List<TransactWriteItem> items) {
        synchronized (tokens) {
            Token known = tokens.get(token);
            if (known != null
                    && known.completed() != null
                    && clock.instant().isAfter(known.completed().plus(IDEMPOTENCY_WINDOW))) {
                known = null;
            }
            if (known == null) {
                tokens.put(token, new Token(items, null));
                return false;
            }
            // Documentation is silent on what "the same parameters" compares; the engine compares the actions' content.
            if (!known.items().equals(items)) {
                throw ModeledErrors.idempotentParameterMismatch();
            }
            if (known.completed() == null) {
                // Documentation is silent on the wording of TransactionInProgressException.
                String message = "Transaction with the given request token is already in progress";
                throw TransactionInProgressException.builder()
                        .message(message)
                        .statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder()
                                .errorCode("TransactionInProgressException")
                                .errorMessage(message)
                                .build())
                        .build();
            }
            return true;
        }
    }

    private void completed(String token, List<TransactWriteItem> items) {
        synchronized (tokens) {
            tokens.put(token, new Token(items, clock.instant()));
        }
    }

    // Documentation is silent on whether a cancelled transaction's token stays bound; the engine frees it so a retry
    // runs.
    private void forget(String token) {
        synchronized (tokens) {
            tokens.remove(token);
        }
    }

    // ---------------------------------------------------------------- TransactGetItems

    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        ReturnConsumedCapacity capacityMode =
                Requests.consumedCapacity(request.returnConsumedCapacity(), request.returnConsumedCapacityAsString());
        List<TransactGetItem> items = request.hasTransactItems() ? request.transactItems() : List.of();
        checkCount(items.size());
        List<Table> tables = new ArrayList<>();
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        List<Projection> projections = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Get get = items.get(i).get();
            if (get == null) {
                throw validation("1 validation error detected: Value null at 'transactItems." + (i + 1)
                        + ".member.get' failed to satisfy constraint: Member must not be null");
            }
            projections.add(
                    ItemOperations.readProjection(get.projectionExpression(), null, get.expressionAttributeNames()));
            Table table = catalog.require(get.tableName());
            Map<String, AttributeValue> key = table.validateKey(get.key());
            if (!seen.add(table.name() + "\u0000" + table.storedKey(key))) {
                throw validation("Transaction request cannot include multiple operations on one item");
            }
            tables.add(table);
            keys.add(key);
        }
        List<Lock> locks = lockOrder(tables).stream()
                .map(table -> (Lock) table.lock().readLock())
                .toList();
        List<ItemResponse> responses = new ArrayList<>();
        Map<String, Capacity> capacities = new LinkedHashMap<>();
        locks.forEach(Lock::lock);
        try {
            for (int i = 0; i < tables.size(); i++) {
                Table table = tables.get(i);
                Map<String, AttributeValue> found = table.get(keys.get(i));
                capacities
                        .computeIfAbsent(table.name(), t -> Capacity.reads(table.definition()))
                        .addTable(2 * Capacity.readUnits(found == null ? 0 : AttributeValues.itemSize(found), true));
                Projection projection = projections.get(i);
                responses.add(
                        found == null
                                ? ItemResponse.builder().build()
                                : ItemResponse.builder()
                                        .item(projection == null ? found : projection.apply(found))
                                        .build());
            }
        } finally {
            for (int i = locks.size() - 1; i >= 0; i--) {
                locks.get(i).unlock();
            }
        }
        return TransactGetItemsResponse.builder()
                .responses(responses)
                .consumedCapacity(Capacity.toSdk(capacities.values(), capacityMode))
                .build();
    }
}
