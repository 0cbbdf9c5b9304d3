package dev.excalibur.bench;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.CdcProcessor;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Reading a whole stream from its oldest record into a consumer that does nothing with each
 * record: a raw {@code GetRecords} loop, or a CDC processor with checkpoints. Each call reads the
 * same records again (the processor under a new name, so from its trim horizon).
 */
abstract class CdcDeliveryWorkload {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final String name;

    CdcDeliveryWorkload(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /**
     * Reads the stream until {@code expected} records were consumed; the nanoseconds from the start
     * until the last one was consumed (set-up included, shutting down not).
     */
    abstract long readAll(int expected) throws Exception;

    /** DescribeTable, DescribeStream, then each shard from TRIM_HORIZON with GetRecords until the records are in. */
    static CdcDeliveryWorkload raw(DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table, int batchSize) {
        return new CdcDeliveryWorkload("raw SDK: GetRecords loop, limit " + batchSize) {
            @Override
            long readAll(int expected) {
                long start = System.nanoTime();
                long consumed = readRaw(client, streams, table, batchSize, expected, record -> { }, () -> false);
                long elapsed = System.nanoTime() - start;
                Contender.require(consumed == expected, "the raw loop read every record");
                return elapsed;
            }
        };
    }

    /** A CDC processor under a new name per call, with a checkpoint per batch in {@code store} ({@code storeName}). */
    static CdcDeliveryWorkload processor(DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table,
                                         CdcStateStore store, String storeName, int batchSize) {
        return processor(client, streams, table, store, storeName, batchSize, Duration.ZERO);
    }

    /** A CDC processor under a new name per call, writing checkpoints to {@code store} at most every {@code interval}. */
    static CdcDeliveryWorkload processor(DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table,
                                         CdcStateStore store, String storeName, int batchSize, Duration interval) {
        String every = interval.isZero() ? "per batch" : "every " + interval.toSeconds() + " s";
        return new CdcDeliveryWorkload("ours: CdcProcessor, batch " + batchSize + ", checkpoint " + every + ", " + storeName) {
            @Override
            long readAll(int expected) throws InterruptedException {
                AtomicLong consumed = new AtomicLong();
                CountDownLatch done = new CountDownLatch(1);
                long start = System.nanoTime();
                CdcProcessor processor = CdcProcessor.builder().name("bench-" + table + "-" + RUNS.incrementAndGet())
                        .tableName(table).client(client).streamsClient(streams).stateStore(store).maxBatchSize(batchSize)
                        .checkpointInterval(interval).handler(change -> consume(change, consumed, expected, done)).build();
                processor.start();
                try {
                    Contender.require(done.await(5, TimeUnit.MINUTES), "the processor delivered every record");
                    return System.nanoTime() - start;
                } finally {
                    processor.stop();
                }
            }
        };
    }

    private static void consume(CdcChange change, AtomicLong consumed, int expected, CountDownLatch done) {
        if (consumed.incrementAndGet() == expected) {
            done.countDown();
        }
    }

    /**
     * The raw loop: every shard from its trim horizon (or latest), records to {@code consumer},
     * until {@code expected} were read or {@code stop} says so; sleeps 50 ms when a read is empty.
     */
    static long readRaw(DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table, int batchSize,
                        int expected, Consumer<Record> consumer, java.util.function.BooleanSupplier stop) {
        String arn = client.describeTable(b -> b.tableName(table)).join().table().latestStreamArn();
        long consumed = 0;
        for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).join().streamDescription().shards()) {
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator();
            while (iterator != null && consumed < expected && !stop.getAsBoolean()) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(batchSize)).join();
                for (Record record : page.records()) {
                    consumer.accept(record);
                }
                consumed += page.records().size();
                iterator = page.nextShardIterator();
                if (page.records().isEmpty() && shard.sequenceNumberRange().endingSequenceNumber() == null) {
                    sleep(Duration.ofMillis(50));
                }
            }
        }
        return consumed;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
