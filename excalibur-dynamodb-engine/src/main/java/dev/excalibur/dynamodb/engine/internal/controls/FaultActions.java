package dev.excalibur.dynamodb.engine.internal.controls;

import dev.excalibur.dynamodb.engine.FaultRule;
import dev.excalibur.dynamodb.engine.internal.service.ModeledErrors;
import dev.excalibur.dynamodb.engine.internal.values.EngineErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Which requests a {@link FaultRule} matches, and what its fault does to one: the service's error
 * (code, HTTP status, message), a transaction conflict, unprocessed batch entries, or a lost answer.
 * Internal to the engine.
 */
final class FaultActions {

    // Error wording: AWS's Developer Guide, "Error handling with DynamoDB" (Programming.Errors), unless noted.
    // engine-surface.md 2.12: the service's current wording of the provisioned-throughput error (the guide's is older).
    private static final String PROVISIONED_THROUGHPUT =
            "The level of configured provisioned throughput for the table was exceeded. "
                    + "Consider increasing your provisioning level with the UpdateTable API.";
    private static final String THROTTLING = "Rate of requests exceeds the allowed throughput.";
    private static final String REQUEST_LIMIT = "Throughput exceeds the current throughput limit for your account. "
            + "To request a limit increase, contact AWS Support at https://aws.amazon.com/support.";
    // Documentation is silent on the message of a 500; this is the wording the project's client-side Fault uses.
    private static final String INTERNAL_SERVER_ERROR = "Internal server error";
    private static final String SERVICE_UNAVAILABLE =
            "DynamoDB is currently unavailable. (This should be a temporary state.)";
    private static final String LIMIT_EXCEEDED = "Too many operations for a given subscriber.";
    // API reference, TransactionCanceledException: reason TransactionConflict, "Transaction is ongoing for the item";
    // the same text is quoted from the service for TransactionConflictException on single-item writes.
    private static final String TRANSACTION_CONFLICT = "Transaction is ongoing for the item";
    // Wording quoted from the service in public issue threads (spring-integration-aws#59, node-dynamodb-stream#13).
    private static final String EXPIRED_ITERATOR = "Shard iterator has expired";
    private static final String TRIMMED = "The data you are trying to access has been trimmed";

    private static final Set<String> READS = Set.of("GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems");
    private static final Set<String> WRITES =
            Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

    private FaultActions() {}

    /** Whether {@code rule} matches a request of {@code operation}: its operation and kind, and every filter it sets. */
    static boolean matches(FaultRule rule, String operation, RequestView request) {
        if (!rule.appliesTo(operation)
                || (rule.table() != null && !request.tables().contains(rule.table()))
                || (rule.streamArn() != null && !rule.streamArn().equals(request.streamArn()))
                || (rule.shardId() != null && !rule.shardId().equals(request.shardId()))) {
            return false;
        }
        if (rule.keyAttribute() != null && request.entries().stream().noneMatch(entry -> names(rule, entry))) {
            return false;
        }
        return rule.kind() != FaultRule.Kind.UNPROCESSED || withheldCount(rule, request) > 0;
    }

    /** Applies {@code rule}'s fault (not a latency) to a request it matches: throws its error, or returns the answer to give. */
    static SdkPojo apply(
            FaultRule rule,
            String operation,
            RequestView view,
            SdkPojo request,
            UnaryOperator<SdkPojo> engine,
            String tableArnPrefix) {
        return switch (rule.kind()) {
            case PROVISIONED_THROUGHPUT_EXCEEDED -> {
                List<ThrottlingReason> reasons =
                        throttlingReasons(rule, operation, view, "ProvisionedThroughputExceeded", tableArnPrefix);
                throw ProvisionedThroughputExceededException.builder()
                        .throttlingReasons(reasons.isEmpty() ? null : reasons)
                        .message(PROVISIONED_THROUGHPUT)
                        .statusCode(400)
                        .awsErrorDetails(details("ProvisionedThroughputExceededException", PROVISIONED_THROUGHPUT))
                        .build();
            }
            case THROTTLING -> throw EngineErrors.error(400, "ThrottlingException", THROTTLING);
            case REQUEST_LIMIT_EXCEEDED -> {
                List<ThrottlingReason> reasons =
                        throttlingReasons(rule, operation, view, "AccountLimitExceeded", tableArnPrefix);
                throw RequestLimitExceededException.builder()
                        .throttlingReasons(reasons.isEmpty() ? null : reasons)
                        .message(REQUEST_LIMIT)
                        .statusCode(400)
                        .awsErrorDetails(details("RequestLimitExceeded", REQUEST_LIMIT))
                        .build();
            }
            case INTERNAL_SERVER_ERROR -> throw internalServerError();
            case SERVICE_UNAVAILABLE -> throw EngineErrors.error(503, "ServiceUnavailable", SERVICE_UNAVAILABLE);
            case EXPIRED_ITERATOR -> throw EngineErrors.error(400, "ExpiredIteratorException", EXPIRED_ITERATOR);
            case TRIMMED_DATA_ACCESS -> throw EngineErrors.error(400, "TrimmedDataAccessException", TRIMMED);
            case LIMIT_EXCEEDED -> throw EngineErrors.error(400, "LimitExceededException", LIMIT_EXCEEDED);
            case APPLY_THEN_FAIL -> {
                engine.apply(request);
                throw internalServerError();
            }
            case TRANSACTION_CONFLICT -> throw transactionConflict(rule, operation, view);
            case UNPROCESSED -> unprocessed(rule, view, request, engine);
            case LATENCY -> throw new IllegalStateException("a latency is not an answer: " + rule);
        };
    }

    /**
     * The {@code ThrottlingReasons} of a throttled read or write (API reference, ThrottlingReason: reason
     * {@code Table<Read|Write><limit>}, resource the table's ARN): one per table the request names (only the
     * rule's table when it names one); none for other operations.
     */
    private static List<ThrottlingReason> throttlingReasons(
            FaultRule rule, String operation, RequestView view, String limit, String tableArnPrefix) {
        String direction = READS.contains(operation) ? "Read" : WRITES.contains(operation) ? "Write" : null;
        if (direction == null) {
            return List.of();
        }
        return view.tables().stream()
                .filter(table -> rule.table() == null || rule.table().equals(table))
                .map(table -> ThrottlingReason.builder()
                        .reason("Table" + direction + limit)
                        .resource(tableArnPrefix + table)
                        .build())
                .toList();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }

    private static DynamoDbException internalServerError() {
        return EngineErrors.error(500, "InternalServerError", INTERNAL_SERVER_ERROR);
    }

    private static RuntimeException transactionConflict(FaultRule rule, String operation, RequestView view) {
        if (!operation.startsWith("Transact")) {
            return EngineErrors.error(400, "TransactionConflictException", TRANSACTION_CONFLICT);
        }
        List<CancellationReason> reasons = new ArrayList<>();
        for (RequestView.Entry action : view.entries()) {
            reasons.add(
                    names(rule, action)
                            ? CancellationReason.builder()
                                    .code("TransactionConflict")
                                    .message(TRANSACTION_CONFLICT)
                                    .build()
                            : CancellationReason.builder().code("None").build());
        }
        return ModeledErrors.transactionCanceled(reasons);
    }

    /** Whether {@code entry} is an item the rule names: in its table (if it sets one) and with its key value (if it sets one). */
    private static boolean names(FaultRule rule, RequestView.Entry entry) {
        return (rule.table() == null || rule.table().equals(entry.table()))
                && (rule.keyAttribute() == null
                        || rule.keyValue().equals(entry.attributes().get(rule.keyAttribute())));
    }

    /** How many entries of a batch the rule withholds: its count, of the entries it names, keeping at least one entry of the batch. */
    private static int withheldCount(FaultRule rule, RequestView request) {
        long named =
                request.entries().stream().filter(entry -> names(rule, entry)).count();
        return (int) Math.min(
                Math.min(rule.unprocessedEntries(), named), request.entries().size() - 1);
    }

    /** Which entries (by index in request order) are withheld: the last {@link #withheldCount} of those the rule names. */
    private static boolean[] withheld(FaultRule rule, RequestView view) {
        List<RequestView.Entry> entries = view.entries();
        boolean[] withheld = new boolean[entries.size()];
        int left = withheldCount(rule, view);
        for (int i = entries.size() - 1; i >= 0 && left > 0; i--) {
            if (names(rule, entries.get(i))) {
                withheld[i] = true;
                left--;
            }
        }
        return withheld;
    }

    private static SdkPojo unprocessed(
            FaultRule rule, RequestView view, SdkPojo request, UnaryOperator<SdkPojo> engine) {
        boolean[] withheld = withheld(rule, view);
        if (request instanceof BatchWriteItemRequest batch) {
            Map<String, List<WriteRequest>> sent = new LinkedHashMap<>();
            Map<String, List<WriteRequest>> kept = new LinkedHashMap<>();
            int index = 0;
            for (Map.Entry<String, List<WriteRequest>> table :
                    batch.requestItems().entrySet()) {
                for (WriteRequest write : table.getValue()) {
                    (withheld[index++] ? kept : sent)
                            .computeIfAbsent(table.getKey(), t -> new ArrayList<>())
                            .add(write);
                }
            }
            BatchWriteItemResponse response = (BatchWriteItemResponse)
                    engine.apply(batch.toBuilder().requestItems(sent).build());
            Map<String, List<WriteRequest>> unprocessed = new LinkedHashMap<>(response.unprocessedItems());
            kept.forEach((table, writes) -> unprocessed.merge(table, writes, FaultActions::concat));
            return response.toBuilder().unprocessedItems(unprocessed).build();
        }
        BatchGetItemRequest batch = (BatchGetItemRequest) request;
        Map<String, KeysAndAttributes> sent = new LinkedHashMap<>();
        Map<String, KeysAndAttributes> kept = new LinkedHashMap<>();
        int index = 0;
        for (Map.Entry<String, KeysAndAttributes> table : batch.requestItems().entrySet()) {
            List<Map<String, AttributeValue>> sentKeys = new ArrayList<>();
            List<Map<String, AttributeValue>> keptKeys = new ArrayList<>();
            for (Map<String, AttributeValue> key : table.getValue().keys()) {
                (withheld[index++] ? keptKeys : sentKeys).add(key);
            }
            if (!sentKeys.isEmpty()) {
                sent.put(
                        table.getKey(),
                        table.getValue().toBuilder().keys(sentKeys).build());
            }
            if (!keptKeys.isEmpty()) {
                kept.put(
                        table.getKey(),
                        table.getValue().toBuilder().keys(keptKeys).build());
            }
        }
        BatchGetItemResponse response = (BatchGetItemResponse)
                engine.apply(batch.toBuilder().requestItems(sent).build());
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>(response.unprocessedKeys());
        kept.forEach((table, keys) -> unprocessed.merge(
                table,
                keys,
                (a, b) -> a.toBuilder().keys(concat(a.keys(), b.keys())).build()));
        return response.toBuilder().unprocessedKeys(unprocessed).build();
    }

    private static <E> List<E> concat(List<E> a, List<E> b) {
        List<E> joined = new ArrayList<>(a);
        joined.addAll(b);
        return joined;
    }
}
