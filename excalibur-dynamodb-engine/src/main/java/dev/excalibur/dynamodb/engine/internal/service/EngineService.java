package dev.excalibur.dynamodb.engine.internal.service;

import dev.excalibur.dynamodb.engine.internal.controlplane.ControlPlane;
import dev.excalibur.dynamodb.engine.internal.items.BatchOperations;
import dev.excalibur.dynamodb.engine.internal.items.ItemOperations;
import dev.excalibur.dynamodb.engine.internal.items.QueryScan;
import dev.excalibur.dynamodb.engine.internal.streams.ChangeStreams;
import dev.excalibur.dynamodb.engine.internal.streams.TimeToLive;
import dev.excalibur.dynamodb.engine.internal.tables.Catalog;
import dev.excalibur.dynamodb.engine.internal.transactions.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTablesRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveResponse;

/**
 * The engine's DynamoDB operations on the SDK's model types: every DynamoDB call the engine answers
 * is a method of this class (the Streams API, a separate SDK interface, gets a twin class); a call it does not implement keeps the SDK interface's
 * default, which the transport answers with the service's {@code UnknownOperationException}.
 * Each method hands the request to the class of its concern (control plane, items, Query/Scan, batches,
 * transactions) over one {@link Catalog} of tables.
 * Thread-safe. Internal to the engine: users reach it through {@code DynamoDbEngine}'s clients.
 */
public final class EngineService implements DynamoDbClient {

    private final ControlPlane controlPlane;
    private final ItemOperations items;
    private final QueryScan queryScan;
    private final BatchOperations batches;
    private final Transactions transactions;
    private final Catalog catalog;
    private final ChangeStreams streams;
    private final TimeToLive timeToLive;

    /**
     * @param shardsPerStream       how many open shards a new stream starts with
     * @param shardRolloverInterval the age at which open shards roll over, or null for no automatic rollover
     * @param ttlSweepInterval      engine time between two time-to-live sweeps, or null for none
     */
    public EngineService(
            Clock clock,
            String region,
            String accountId,
            int shardsPerStream,
            Duration shardRolloverInterval,
            Duration ttlSweepInterval) {
        Objects.requireNonNull(clock, "clock");
        this.catalog =
                new Catalog(Objects.requireNonNull(region, "region"), Objects.requireNonNull(accountId, "accountId"));
        this.streams = new ChangeStreams(clock, region, accountId, shardsPerStream, shardRolloverInterval);
        this.timeToLive = new TimeToLive(catalog, clock, streams, ttlSweepInterval);
        this.controlPlane = new ControlPlane(catalog, clock, streams);
        this.items = new ItemOperations(catalog);
        this.queryScan = new QueryScan(catalog);
        this.batches = new BatchOperations(catalog);
        this.transactions = new Transactions(catalog, streams.agingClock());
    }

    /** The engine's streams: records, shards and their controls. */
    public ChangeStreams streams() {
        return streams;
    }

    /** Time-to-live deletions. */
    public TimeToLive timeToLive() {
        return timeToLive;
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {}

    /** Drops every table, every stream and every transaction token: the engine is as new. Requests in flight may see either state. */
    public void reset() {
        catalog.clear();
        streams.clear();
        transactions.forgetTokens();
    }

    // ---- control plane

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        return controlPlane.createTable(request);
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        return controlPlane.describeTable(request);
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        return controlPlane.updateTable(request);
    }

    @Override
    public DeleteTableResponse deleteTable(DeleteTableRequest request) {
        return controlPlane.deleteTable(request);
    }

    @Override
    public ListTablesResponse listTables(ListTablesRequest request) {
        return controlPlane.listTables(request);
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
        return controlPlane.updateTimeToLive(request);
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
        return controlPlane.describeTimeToLive(request);
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        return controlPlane.tagResource(request);
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        return controlPlane.untagResource(request);
    }

    @Override
    public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
        return controlPlane.listTagsOfResource(request);
    }

    @Override
    public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
        return controlPlane.updateContinuousBackups(request);
    }

    @Override
    public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
        return controlPlane.describeContinuousBackups(request);
    }

    // ---- items

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return items.getItem(request);
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return items.putItem(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return items.updateItem(request);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return items.deleteItem(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return queryScan.query(request);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return queryScan.scan(request);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return batches.batchWriteItem(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return batches.batchGetItem(request);
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return transactions.transactWriteItems(request);
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        return transactions.transactGetItems(request);
    }
}
