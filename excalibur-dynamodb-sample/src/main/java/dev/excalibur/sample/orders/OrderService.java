package dev.excalibur.sample.orders;

import dev.excalibur.data.authorization.Grant;
import dev.excalibur.data.authorization.GrantStore;
import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.batch.CloudBatchOperation;
import dev.excalibur.data.cloudnative.batch.CloudBatchResult;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.data.cloudnative.query.CloudQueryResult;
import dev.excalibur.data.cloudnative.query.SortKeyCondition;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.sample.Customers;
import dev.excalibur.sample.accounts.AccountEvent;
import dev.excalibur.sample.accounts.CustomerAccounts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;

/**
 * The order service: places an order, its lines and the account event in one transactional batch;
 * ships and cancels with ETags; cancelling needs the {@value #CANCEL_GRANT} grant for the customer.
 */
@Service
public class OrderService {

    /** A transaction holds at most 100 operations: the order, its account event and up to 98 lines. */
    public static final int MAX_LINES = 98;
    /** The grant (qualified by the customer id) a user needs to cancel that customer's orders. */
    public static final String CANCEL_GRANT = "orders.cancel";
    /** The largest page of a listing. */
    public static final int MAX_PAGE_SIZE = 100;

    private static final int ATTEMPTS = 3;

    private final DynamoDbPersistenceProvider provider;
    private final CustomerAccounts accounts;
    private final GrantStore grants;
    private final AtomicLong lastNumber = new AtomicLong();

    public OrderService(DynamoDbPersistenceProvider provider, CustomerAccounts accounts, GrantStore grants) {
        this.provider = provider;
        this.accounts = accounts;
        this.grants = grants;
    }

    /** One line of an order to place. */
    public record LineRequest(String sku, int quantity, BigDecimal unitPrice) {}

    /** An order with its lines. */
    public record Details(Order order, List<OrderLine> lines) {}

    /** One page of a customer's orders and the token of the next page (null on the last). */
    public record Page(List<Order> orders, String continuationToken) {}

    /**
     * Places an order: the order, its lines and the account's ORDER_PLACED event are written in one
     * transaction, or nothing is.
     *
     * @throws IllegalArgumentException for a bad customer id, no lines, more than {@value #MAX_LINES}
     *                                  lines, a blank SKU, a quantity below 1 or a negative price
     */
    public Result<Details> place(String customerId, List<LineRequest> lines) {
        PartitionKey partition = Customers.partition(customerId);
        validate(lines);
        BigDecimal total = lines.stream()
                .map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        Result<Details> outcome = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String number = nextNumber();
            Order order = new Order(Order.idOf(number), customerId, "PLACED", total, lines.size(), Instant.now());
            List<OrderLine> orderLines = new ArrayList<>(lines.size());
            List<CloudBatchOperation> operations = new ArrayList<>(lines.size() + 2);
            operations.add(CloudBatchOperation.create(order));
            for (LineRequest line : lines) {
                OrderLine orderLine = new OrderLine(
                        OrderLine.idOf(number, orderLines.size() + 1),
                        number,
                        orderLines.size() + 1,
                        line.sku(),
                        line.quantity(),
                        line.unitPrice());
                orderLines.add(orderLine);
                operations.add(CloudBatchOperation.create(orderLine));
            }
            CustomerAccounts.Append event =
                    accounts.append(accounts.load(customerId).account(), AccountEvent.Type.ORDER_PLACED, number, total);
            operations.add(event.operation());
            CloudBatchResult result =
                    provider.executeBatch(partition, operations).join();
            if (result.success()) {
                accounts.committed(event.next());
                return Result.ok(
                        201,
                        new Details(order, List.copyOf(orderLines)),
                        result.operationResults().get(0).etag());
            }
            outcome = failure(result);
            if (outcome.status() != CloudOperationResult.CONFLICT) {
                return outcome; // a 409 is a concurrent writer of the number or the account version: try again
            }
        }
        return outcome;
    }

    /** An order and its lines; 404 when there is no such order. */
    public Result<Details> details(String customerId, String number) {
        PartitionKey partition = Customers.partition(customerId);
        CloudOperationResult<Order> read = read(partition, number);
        if (!read.success()) {
            return Result.failed(read.statusCode(), "order " + number + " of customer " + customerId + " not found");
        }
        CloudQuery lines = CloudQuery.builder()
                .partitionKey(partition)
                .sortKey(SortKeyCondition.beginsWith(OrderLine.idPrefixOf(number)))
                .build();
        return Result.ok(
                200,
                new Details(
                        read.document(),
                        provider.queryAll(lines, OrderLine.class).toList()),
                read.etag());
    }

    /**
     * A page of the customer's orders, oldest first.
     *
     * @throws IllegalArgumentException for a page size outside 1..{@value #MAX_PAGE_SIZE} or a bad token
     */
    public Page list(String customerId, int pageSize, String continuationToken) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + " but was " + pageSize);
        }
        CloudQuery query = CloudQuery.builder()
                .partitionKey(Customers.partition(customerId))
                .sortKey(SortKeyCondition.beginsWith(Order.ID_PREFIX))
                .limit(pageSize)
                .continuationToken(continuationToken)
                .build();
        CloudQueryResult<Order> page = provider.query(query, Order.class).join();
        return new Page(page.documents(), page.continuationToken());
    }

    /**
     * Ships a placed order if it still has the ETag the caller read: 412 when it changed since, 409
     * unless it is PLACED, 428 without an ETag.
     */
    public Result<Order> ship(String customerId, String number, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return Result.failed(428, "shipping needs the order's ETag in If-Match");
        }
        return change(customerId, number, ifMatch, "SHIPPED", AccountEvent.Type.ORDER_SHIPPED);
    }

    /** Cancels a placed order, if the user holds the {@value #CANCEL_GRANT} grant for the customer (else 403). */
    public Result<Order> cancel(String customerId, String number, String userId) {
        if (userId == null || userId.isBlank()) {
            return Result.failed(401, "cancelling needs a user (X-User header)");
        }
        Customers.partition(customerId);
        if (!grants.grantExists(userId, null, CANCEL_GRANT, customerId).join()) {
            return Result.failed(
                    403, "user " + userId + " holds no '" + CANCEL_GRANT + "' grant for customer " + customerId);
        }
        return change(customerId, number, null, "CANCELLED", AccountEvent.Type.ORDER_CANCELLED);
    }

    /** Grants the user the right to cancel the customer's orders. */
    public void grantCancel(String userId, String customerId, String grantedBy) {
        Customers.partition(customerId);
        grants.saveGrant(new Grant(userId, null, null, CANCEL_GRANT, customerId, null, grantedBy, Instant.now()))
                .join();
    }

    /** Revokes that right; false if the user did not hold it. */
    public boolean revokeCancel(String userId, String customerId, String revokedBy) {
        Customers.partition(customerId);
        return grants.revokeGrant(userId, null, CANCEL_GRANT, customerId, revokedBy, Instant.now())
                .join();
    }

    /**
     * Moves a PLACED order to the status and appends the account event, in one transaction,
     * conditional on the ETag given (or the one just read when null): when the order changed since,
     * DynamoDB refuses the whole transaction and the stored order stays as it was.
     */
    private Result<Order> change(
            String customerId, String number, String ifMatch, String status, AccountEvent.Type type) {
        PartitionKey partition = Customers.partition(customerId);
        Result<Order> outcome = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            CloudOperationResult<Order> read = read(partition, number);
            if (!read.success()) {
                return Result.failed(
                        read.statusCode(), "order " + number + " of customer " + customerId + " not found");
            }
            String etag = ifMatch == null ? read.etag() : ifMatch;
            Order current = read.document();
            // a stale ETag is left to DynamoDB's condition (412); the status rule applies to what the caller saw
            if (etag.equals(read.etag()) && !"PLACED".equals(current.status())) {
                return Result.failed(
                        CloudOperationResult.CONFLICT,
                        "order " + number + " is " + current.status() + "; only PLACED orders can become " + status);
            }
            Order changed = current.withStatus(status);
            CustomerAccounts.Append event =
                    accounts.append(accounts.load(customerId).account(), type, number, current.total());
            CloudBatchResult result = provider.executeBatch(
                            partition, List.of(CloudBatchOperation.replace(changed, etag), event.operation()))
                    .join();
            if (result.success()) {
                accounts.committed(event.next());
                return Result.ok(200, changed, result.operationResults().get(0).etag());
            }
            outcome = failure(result);
            boolean accountRace =
                    result.firstFailureIndex().orElse(-1) == 1 && outcome.status() == CloudOperationResult.CONFLICT;
            if (!accountRace) {
                return outcome; // a race on the account version is retried: the order is read again
            }
        }
        return outcome;
    }

    private CloudOperationResult<Order> read(PartitionKey partition, String number) {
        return provider.getById(Order.idOf(number), partition, ConsistencyOptions.strong(), Order.class)
                .join();
    }

    private static <T> Result<T> failure(CloudBatchResult result) {
        OptionalInt index = result.firstFailureIndex();
        if (index.isEmpty()) {
            return Result.failed(500, "the transaction failed: " + result.errorMessage());
        }
        CloudOperationResult<Void> cause = result.operationResults().get(index.getAsInt());
        return Result.failed(cause.statusCode(), cause.errorMessage());
    }

    /** Order numbers: the milliseconds of the clock, but always above the last one this instance gave. */
    private String nextNumber() {
        long now = System.currentTimeMillis();
        return String.format("%013d", lastNumber.updateAndGet(last -> Math.max(last + 1, now)));
    }

    private static void validate(List<LineRequest> lines) {
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("lines must hold at least one line");
        }
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("lines must hold at most " + MAX_LINES + " lines (a DynamoDB transaction"
                    + " takes 100 operations: the order, its account event and the lines) but held " + lines.size());
        }
        for (int i = 0; i < lines.size(); i++) {
            LineRequest line = lines.get(i);
            if (line == null || line.sku() == null || line.sku().isBlank()) {
                throw new IllegalArgumentException("lines[" + i + "].sku must not be blank");
            }
            if (line.quantity() < 1) {
                throw new IllegalArgumentException(
                        "lines[" + i + "].quantity must be at least 1 but was " + line.quantity());
            }
            if (line.unitPrice() == null || line.unitPrice().signum() < 0) {
                throw new IllegalArgumentException(
                        "lines[" + i + "].unitPrice must be 0 or more but was " + line.unitPrice());
            }
        }
    }
}
