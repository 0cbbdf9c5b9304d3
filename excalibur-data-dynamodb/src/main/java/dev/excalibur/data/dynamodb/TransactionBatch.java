package dev.excalibur.data.dynamodb;

import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.batch.CloudBatchOperation;
import dev.excalibur.data.cloudnative.batch.CloudBatchResult;
import dev.excalibur.data.cloudnative.batch.CloudPatch;
import dev.excalibur.data.dynamodb.internal.ItemSize;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Transactional batches as {@code TransactWriteItems}: validation against DynamoDB's limits before
 * any call, one action per operation with ETag conditions, and one result per operation.
 */
final class TransactionBatch {

    /** Most actions in one DynamoDB transaction. */
    static final int MAX_OPERATIONS = 100;
    /** Most bytes of items in one DynamoDB transaction. */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    /** Longest ClientRequestToken DynamoDB accepts. */
    static final int MAX_TOKEN_LENGTH = 36;

    /** A validated batch: the request's actions, what each operation is, and the idempotency token. */
    record Prepared(List<TransactWriteItem> actions, List<Step> steps, String token) {}

    /** One operation as sent: its id, partition and the ETag it writes (null when it writes none). */
    record Step(
            CloudBatchOperation operation,
            String partition,
            String id,
            @Nullable String newEtag) {}

    private final DynamoDbOptions options;
    private final Items items;
    private final String table;

    TransactionBatch(DynamoDbOptions options, Items items) {
        this.options = options;
        this.items = items;
        this.table = options.qualifiedTableName();
    }

    /**
     * Validates and translates the operations.
     *
     * @throws IllegalArgumentException naming the limit and the operation index when a DynamoDB
     *         transaction could not hold the batch
     */
    Prepared prepare(
            @Nullable PartitionKey defaultPartition, List<CloudBatchOperation> operations, @Nullable String token) {
        if (operations.size() > MAX_OPERATIONS) {
            throw new IllegalArgumentException(
                    "batch has " + operations.size() + " operations; a DynamoDB transaction holds at most "
                            + MAX_OPERATIONS + " (operation " + MAX_OPERATIONS + " and later are over the limit)");
        }
        if (token != null && (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH)) {
            throw new IllegalArgumentException(
                    "idempotencyToken must be 1 to " + MAX_TOKEN_LENGTH + " characters, got " + token.length());
        }
        String idempotencyToken = token != null ? token : UUID.randomUUID().toString();
        byte[] seed = etagSeed(idempotencyToken);
        List<TransactWriteItem> actions = new ArrayList<>(operations.size());
        List<Step> steps = new ArrayList<>(operations.size());
        Map<String, Integer> seen = new HashMap<>();
        long bytes = 0;
        for (int i = 0; i < operations.size(); i++) {
            CloudBatchOperation operation = operations.get(i);
            if (operation == null) {
                throw new IllegalArgumentException("operation " + i + " is null");
            }
            PartitionKey partition = operation.partitionKey() != null ? operation.partitionKey() : defaultPartition;
            if (partition == null) {
                throw new IllegalArgumentException(
                        "operation " + i + " (" + operation + ") names no partition: pass a partition"
                                + " key to executeBatch or address the operation with inPartition(...)");
            }
            String target = operation.container() == null ? table : options.qualify(operation.container());
            Translation translation;
            try {
                Items.requirePartitionKey(partition);
                translation = translate(operation, partition.value(), target, etagFor(seed, i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "operation " + i + " (" + operation.type() + "): " + e.getMessage(), e);
            }
            Step step = translation.step();
            Integer earlier = seen.putIfAbsent(target + '\u0000' + step.partition() + '\u0000' + step.id(), i);
            if (earlier != null) {
                throw new IllegalArgumentException("operations " + earlier + " and " + i + " both address document '"
                        + step.id() + "' in partition '" + step.partition() + "' of table '" + target
                        + "'; a DynamoDB transaction needs distinct items");
            }
            bytes += translation.size();
            if (bytes > MAX_BYTES) {
                throw new IllegalArgumentException(
                        "batch exceeds " + MAX_BYTES + " bytes (4 MB), the limit of a DynamoDB"
                                + " transaction, at operation " + i + " (" + bytes + " bytes so far)");
            }
            actions.add(translation.action());
            steps.add(step);
        }
        return new Prepared(actions, steps, idempotencyToken);
    }

    /** One 200 result per operation, with the new ETag of each document written. */
    CloudBatchResult succeeded(Prepared batch, TransactWriteItemsResponse response) {
        List<CloudOperationResult<Void>> results = new ArrayList<>(batch.steps().size());
        for (Step step : batch.steps()) {
            results.add(CloudOperationResult.ok(0, step.newEtag(), null));
        }
        return new CloudBatchResult(true, Capacity.units(response.consumedCapacity()), results, null);
    }

    /** One result per operation from the cancellation reasons: the causes, and 424 for the rest. */
    CloudBatchResult cancelled(Prepared batch, TransactionCanceledException cancelled) {
        List<CancellationReason> reasons =
                cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
        List<CloudOperationResult<Void>> results = new ArrayList<>(batch.steps().size());
        List<Integer> causes = new ArrayList<>();
        for (int i = 0; i < batch.steps().size(); i++) {
            CancellationReason reason = i < reasons.size() ? reasons.get(i) : null;
            CloudOperationResult<Void> result = reason == null || reason.code() == null || "None".equals(reason.code())
                    ? null
                    : failure(batch.steps().get(i), i, reason);
            if (result != null) {
                causes.add(i);
            }
            results.add(result);
        }
        String why = causes.isEmpty()
                ? "transaction cancelled: " + cancelled.getMessage()
                : "transaction cancelled by operation" + (causes.size() > 1 ? "s " : " ") + causes + ": "
                        + results.get(causes.get(0)).errorMessage();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == null) {
                results.set(
                        i,
                        CloudOperationResult.failure(CloudOperationResult.FAILED_DEPENDENCY, 0, "not applied: " + why));
            }
        }
        return new CloudBatchResult(false, 0, results, why);
    }

    private CloudOperationResult<Void> failure(Step step, int index, CancellationReason reason) {
        String what = "operation " + index + " (" + step.operation().type() + " of document '" + step.id()
                + "' in partition '" + step.partition() + "')";
        switch (reason.code()) {
            case "ConditionalCheckFailed": {
                boolean present = reason.hasItem() && !reason.item().isEmpty();
                switch (step.operation().type()) {
                    case CREATE:
                        return CloudOperationResult.failure(
                                CloudOperationResult.CONFLICT, 0, what + ": the document already exists");
                    case CONDITION_CHECK:
                        return present
                                ? CloudOperationResult.failure(
                                        CloudOperationResult.PRECONDITION_FAILED,
                                        0,
                                        what
                                                + (step.operation().etag() != null
                                                        ? ": the ETag does not match or the condition is not met"
                                                        : ": the condition is not met"))
                                : CloudOperationResult.failure(
                                        CloudOperationResult.NOT_FOUND, 0, what + ": the document does not exist");
                    default:
                        return present
                                ? CloudOperationResult.failure(
                                        CloudOperationResult.PRECONDITION_FAILED, 0, what + ": the ETag does not match")
                                : CloudOperationResult.failure(
                                        CloudOperationResult.NOT_FOUND, 0, what + ": the document does not exist");
                }
            }
            case "TransactionConflict":
                return CloudOperationResult.failure(
                        CloudOperationResult.CONFLICT,
                        0,
                        what + ": conflicts with another transaction or write in progress");
            case "ThrottlingError":
            case "ProvisionedThroughputExceeded":
            case "RequestLimitExceeded":
                return CloudOperationResult.failure(
                        CloudOperationResult.TOO_MANY_REQUESTS, 0, what + ": throttled (" + reason.code() + ")");
            default:
                return CloudOperationResult.failure(
                        CloudOperationResult.BAD_REQUEST,
                        0,
                        what + ": " + reason.code() + (reason.message() == null ? "" : ": " + reason.message()));
        }
    }

    private record Translation(TransactWriteItem action, Step step, long size) {}

    /**
     * The ETag seed of a batch: derived from the idempotency token, so that the same batch sent
     * again with the same token is the same request (DynamoDB refuses a token reused with other
     * parameters), and unpredictable like a random ETag otherwise.
     */
    private static byte[] etagSeed(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    /** The ETag operation {@code index} writes: 12 bytes of the seed and the index, URL-safe Base64. */
    private static String etagFor(byte[] seed, int index) {
        byte[] etag = Arrays.copyOf(seed, 16);
        etag[12] = (byte) (index >>> 24);
        etag[13] = (byte) (index >>> 16);
        etag[14] = (byte) (index >>> 8);
        etag[15] = (byte) index;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(etag);
    }

    private Translation translate(CloudBatchOperation operation, String partition, String target, String etag) {
        Expressions expressions = new Expressions(items.codec()::toAttributeValue);
        switch (operation.type()) {
            case CREATE:
            case REPLACE:
            case UPSERT: {
                Items.Sized sized = items.sizedItem(operation.document(), partition, etag);
                Map<String, AttributeValue> item = sized.item();
                String condition = operation.type()
                                == dev.excalibur.data.cloudnative.batch.CloudBatchOperationType.CREATE
                        ? "attribute_not_exists(" + expressions.name(options.partitionKeyAttribute()) + ")"
                        : operation.type() == dev.excalibur.data.cloudnative.batch.CloudBatchOperationType.REPLACE
                                ? mustExist(expressions, operation.etag())
                                : null;
                TransactWriteItem action = TransactWriteItem.builder()
                        .put(b -> b.tableName(target)
                                .item(item)
                                .conditionExpression(condition)
                                .expressionAttributeNames(expressions.names())
                                .expressionAttributeValues(expressions.values())
                                .returnValuesOnConditionCheckFailure(
                                        condition == null ? null : ReturnValuesOnConditionCheckFailure.ALL_OLD))
                        .build();
                return new Translation(action, new Step(operation, partition, items.idOf(item), etag), sized.size());
            }
            case DELETE: {
                Items.requireId(operation.documentId());
                Map<String, AttributeValue> key = items.key(partition, operation.documentId());
                String condition = operation.etag() == null ? null : mustExist(expressions, operation.etag());
                TransactWriteItem action = TransactWriteItem.builder()
                        .delete(b -> b.tableName(target)
                                .key(key)
                                .conditionExpression(condition)
                                .expressionAttributeNames(expressions.names())
                                .expressionAttributeValues(expressions.values())
                                .returnValuesOnConditionCheckFailure(
                                        condition == null ? null : ReturnValuesOnConditionCheckFailure.ALL_OLD))
                        .build();
                return new Translation(
                        action, new Step(operation, partition, operation.documentId(), null), ItemSize.of(key));
            }
            case PATCH: {
                Items.requireId(operation.documentId());
                Map<String, AttributeValue> key = items.key(partition, operation.documentId());
                String update = updateExpression(expressions, operation.patch(), etag);
                String condition = mustExist(expressions, operation.etag());
                TransactWriteItem action = TransactWriteItem.builder()
                        .update(b -> b.tableName(target)
                                .key(key)
                                .updateExpression(update)
                                .conditionExpression(condition)
                                .expressionAttributeNames(expressions.names())
                                .expressionAttributeValues(expressions.values())
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                        .build();
                long size = ItemSize.of(key) + ItemSize.of(expressions.values());
                return new Translation(action, new Step(operation, partition, operation.documentId(), etag), size);
            }
            case CONDITION_CHECK: {
                Items.requireId(operation.documentId());
                Map<String, AttributeValue> key = items.key(partition, operation.documentId());
                String condition = mustExist(expressions, operation.etag())
                        + (operation.condition() == null
                                ? ""
                                : " AND (" + expressions.condition(operation.condition()) + ")");
                TransactWriteItem action = TransactWriteItem.builder()
                        .conditionCheck(b -> b.tableName(target)
                                .key(key)
                                .conditionExpression(condition)
                                .expressionAttributeNames(expressions.names())
                                .expressionAttributeValues(expressions.values())
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                        .build();
                return new Translation(
                        action, new Step(operation, partition, operation.documentId(), null), ItemSize.of(key));
            }
            default:
                throw new IllegalArgumentException("unsupported operation type " + operation.type());
        }
    }

    /** {@code attribute_exists(pk)}, and the ETag equality when one is given. */
    private String mustExist(Expressions expressions, @Nullable String etag) {
        String exists = "attribute_exists(" + expressions.name(options.partitionKeyAttribute()) + ")";
        return etag == null
                ? exists
                : exists + " AND " + expressions.name(options.etagAttribute()) + " = "
                        + expressions.value(AttributeValue.fromS(etag));
    }

    private String updateExpression(Expressions expressions, CloudPatch patch, String newEtag) {
        Set<String> reserved = items.bookkeepingAttributes();
        StringBuilder set = new StringBuilder(
                expressions.name(options.etagAttribute()) + " = " + expressions.value(AttributeValue.fromS(newEtag)));
        StringBuilder remove = new StringBuilder();
        StringBuilder add = new StringBuilder();
        for (CloudPatch.Action action : patch.actions()) {
            if (reserved.contains(action.attribute())) {
                throw new IllegalArgumentException("a patch cannot change '" + action.attribute()
                        + "': it is a key or the ETag attribute, which the provider owns");
            }
            String name = expressions.name(action.attribute());
            switch (action.kind()) {
                case SET:
                    set.append(", ").append(name).append(" = ").append(expressions.mappedValue(action.value()));
                    break;
                case REMOVE:
                    remove.append(remove.length() == 0 ? "" : ", ").append(name);
                    break;
                case ADD:
                    add.append(add.length() == 0 ? "" : ", ")
                            .append(name)
                            .append(' ')
                            .append(expressions.value(addend(action)));
                    break;
                default:
                    throw new IllegalStateException("unknown patch action " + action.kind());
            }
        }
        return "SET " + set + (remove.length() == 0 ? "" : " REMOVE " + remove)
                + (add.length() == 0 ? "" : " ADD " + add);
    }

    /** A number, or a string or number set, as DynamoDB's ADD takes it. */
    private AttributeValue addend(CloudPatch.Action action) {
        Object value = action.value();
        if (value instanceof Number) {
            return Expressions.keyValue(value, null, "the value added to '" + action.attribute() + "'");
        }
        if (value instanceof Collection<?> && !((Collection<?>) value).isEmpty()) {
            Collection<?> elements = (Collection<?>) value;
            if (elements.stream().allMatch(e -> e instanceof String)) {
                return AttributeValue.fromSs(
                        elements.stream().map(String.class::cast).toList());
            }
            if (elements.stream().allMatch(e -> e instanceof Number)) {
                return AttributeValue.fromNs(elements.stream()
                        .map(e -> Expressions.keyValue(e, null, "a number added to '" + action.attribute() + "'")
                                .n())
                        .toList());
            }
        }
        throw new IllegalArgumentException("add to '" + action.attribute()
                + "' needs a number, or a non-empty collection of only strings or only numbers");
    }
}
