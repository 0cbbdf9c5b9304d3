package dev.excalibur.dynamodb.streams.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.data.internal.Futures;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * One DynamoDB stream: its ARN, its shards (every {@code DescribeStream} page), and readers of
 * its shards. Calls block the calling thread (interruptibly) and are retried by the retry policy.
 */
@InternalApi
public final class StreamSource {

    private final DynamoDbStreamsAsyncClient streams;
    private final String streamArn;
    private final RetryPolicy retry;

    private StreamSource(DynamoDbStreamsAsyncClient streams, String streamArn, RetryPolicy retry) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.retry = retry;
    }

    /** The stream with this ARN. */
    public static StreamSource ofStream(DynamoDbStreamsAsyncClient streams, String streamArn, RetryPolicy retry) {
        Objects.requireNonNull(streams, "streams client must not be null");
        Objects.requireNonNull(retry, "retry must not be null");
        if (streamArn == null || streamArn.isBlank()) {
            throw new IllegalArgumentException("streamArn must not be blank");
        }
        return new StreamSource(streams, streamArn, retry);
    }

    /**
     * The current stream of a table; completes with the service's {@link ResourceNotFoundException}
     * if there is no such table, with {@link IllegalStateException} if the table has no stream enabled.
     */
    public static CompletableFuture<StreamSource> ofTable(
            DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table, RetryPolicy retry) {
        Objects.requireNonNull(client, "client must not be null");
        Objects.requireNonNull(streams, "streams client must not be null");
        return retry.execute(() -> client.describeTable(b -> b.tableName(table)))
                .thenApply(response -> {
                    TableDescription description = response.table();
                    boolean enabled = description.streamSpecification() != null
                            && Boolean.TRUE.equals(
                                    description.streamSpecification().streamEnabled());
                    if (!enabled || description.latestStreamArn() == null) {
                        throw new IllegalStateException(
                                "table '" + table + "' has no stream enabled: enable DynamoDB Streams on it"
                                        + " (NEW_AND_OLD_IMAGES gives documents before and after each change)");
                    }
                    return ofStream(streams, description.latestStreamArn(), retry);
                });
    }

    /** The stream's ARN. */
    public String streamArn() {
        return streamArn;
    }

    /** Every shard of the stream, parents before their children as the service lists them. */
    public List<StreamShard> shards() {
        List<StreamShard> shards = new ArrayList<>();
        String start = null;
        do {
            String exclusiveStart = start;
            StreamDescription page = Futures.await(retry.execute(() ->
                            streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(exclusiveStart))))
                    .streamDescription();
            for (Shard shard : page.shards()) {
                shards.add(new StreamShard(
                        shard.shardId(),
                        shard.parentShardId(),
                        shard.sequenceNumberRange() != null
                                && shard.sequenceNumberRange().endingSequenceNumber() != null));
            }
            start = page.lastEvaluatedShardId();
        } while (start != null);
        return shards;
    }

    /**
     * A reader of a shard.
     *
     * @param from      where to start (a checkpoint)
     * @param atLatest  start at the newest record rather than from the checkpoint's skip time
     *                  (only for a checkpoint without a sequence number)
     * @param batchSize the most records per read, 1 to 1000
     */
    public ShardReader reader(StreamShard shard, ShardCheckpoint from, boolean atLatest, int batchSize) {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 1000 but was " + batchSize);
        }
        return new ShardReader(this, shard, from, atLatest, batchSize);
    }

    String shardIterator(Consumer<GetShardIteratorRequest.Builder> request) {
        return Futures.await(retry.execute(() -> streams.getShardIterator(b -> request.accept(b.streamArn(streamArn)))))
                .shardIterator();
    }

    GetRecordsResponse records(String iterator, int limit) {
        return Futures.await(retry.execute(
                () -> streams.getRecords(b -> b.shardIterator(iterator).limit(limit))));
    }
}
