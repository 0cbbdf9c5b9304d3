package dev.excalibur.bench;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.processor.CdcProcessor;
import dev.excalibur.cdc.dynamodb.state.CdcStateStore;
import dev.excalibur.cdc.dynamodb.state.ShardState;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

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
    static CdcDeliveryWorkload raw(
            DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table, int batchSize) {
        return new CdcDeliveryWorkload("raw SDK: GetRecords loop, limit " + batchSize) {
            @Override
            long readAll(int expected) {
                long start = System.nanoTime();
                long consumed = readRaw(client, streams, table, batchSize, expected, record -> {}, () -> false);
                long elapsed = System.nanoTime() - start;
                Contender.require(consumed == expected, "the raw loop read every record");
                return elapsed;
            }
        };
    }

    /** A CDC processor under a new name per call, with a checkpoint per batch in {@code store} ({@code storeName}). */
    static ProcessorWorkload processor(
            DynamoDbAsyncClient client,
            DynamoDbStreamsAsyncClient streams,
            String table,
            CdcStateStore store,
            String storeName,
            int batchSize) {
        return new ProcessorWorkload(client, streams, table, store, storeName, batchSize, Duration.ZERO);
    }

    /**
     * What one processor run delivered.
     *
     * @param processor the processor name of the run (the key of its checkpoints)
     * @param lastSequenceNumbers per shard, the sequence number of the last record handed to the handler
     * @param records per shard, how many records were handed to the handler
     */
    record Run(String processor, Map<String, String> lastSequenceNumbers, Map<String, Long> records) {}

    /** The processor contender; {@link #lastRun()} tells what its last run delivered. */
    static final class ProcessorWorkload extends CdcDeliveryWorkload {
        private final DynamoDbAsyncClient client;
        private final DynamoDbStreamsAsyncClient streams;
        private final String table;
        private final CdcStateStore store;
        private final int batchSize;
        private final Duration interval;
        private volatile Run lastRun;

        /**
         * A CDC processor under a new name per call, writing checkpoints to {@code store} at most every
         * {@code interval}. After each run (not timed) it checks the checkpoints: once the processor
         * stopped, {@code store} holds, for every shard, the position of the last record handed to the
         * handler and the count of records handled on it, and the counts add up to the records read;
         * otherwise the run fails.
         */
        ProcessorWorkload(
                DynamoDbAsyncClient client,
                DynamoDbStreamsAsyncClient streams,
                String table,
                CdcStateStore store,
                String storeName,
                int batchSize,
                Duration interval) {
            super("ours: CdcProcessor, batch " + batchSize + ", checkpoint "
                    + (interval.isZero() ? "per batch" : "every " + interval.toSeconds() + " s") + ", " + storeName);
            this.client = client;
            this.streams = streams;
            this.table = table;
            this.store = store;
            this.batchSize = batchSize;
            this.interval = interval;
        }

        /** What the last {@link #readAll} delivered, or null before the first. */
        Run lastRun() {
            return lastRun;
        }

        @Override
        long readAll(int expected) throws InterruptedException {
            AtomicLong consumed = new AtomicLong();
            Map<String, String> last = new ConcurrentHashMap<>();
            Map<String, Long> counts = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(1);
            String name = "bench-" + table + "-" + RUNS.incrementAndGet();
            long start = System.nanoTime();
            CdcProcessor processor = CdcProcessor.builder()
                    .name(name)
                    .tableName(table)
                    .client(client)
                    .streamsClient(streams)
                    .stateStore(store)
                    .maxBatchSize(batchSize)
                    .checkpointInterval(interval)
                    .handler(change -> {
                        last.put(change.shardId(), change.sequenceNumber());
                        counts.merge(change.shardId(), 1L, Long::sum);
                        CdcDeliveryWorkload.consume(change, consumed, expected, done);
                    })
                    .build();
            processor.start();
            long elapsed;
            try {
                Contender.require(done.await(5, TimeUnit.MINUTES), "the processor delivered every record");
                elapsed = System.nanoTime() - start;
            } finally {
                processor.stop();
            }
            Run run = new Run(name, Map.copyOf(last), Map.copyOf(counts));
            lastRun = run;
            requireCheckpoints(store, run, expected);
            return elapsed;
        }
    }

    /**
     * Fails the run unless {@code store} holds, for each shard the run read, the position of its
     * last delivered record and the count delivered on it, and the counts add up to {@code expected}.
     */
    static void requireCheckpoints(CdcStateStore store, Run run, long expected) {
        Map<String, ShardState> shards =
                store.shards(run.processor()).stream().collect(Collectors.toMap(ShardState::shardId, shard -> shard));
        for (Map.Entry<String, String> delivered : run.lastSequenceNumbers().entrySet()) {
            ShardState shard = shards.get(delivered.getKey());
            Contender.require(shard != null, run.processor() + " has a checkpoint for shard " + delivered.getKey());
            Contender.require(
                    delivered.getValue().equals(shard.checkpoint().sequenceNumber()),
                    run.processor()
                            + " checkpointed shard " + delivered.getKey() + " at the last delivered record "
                            + delivered.getValue()
                            + " (the store holds " + shard.checkpoint().sequenceNumber() + ")");
            long records = run.records().get(delivered.getKey());
            Contender.require(
                    shard.recordsProcessed() == records,
                    run.processor() + " counted " + records + " records on shard " + delivered.getKey()
                            + " (the store holds " + shard.recordsProcessed() + ")");
        }
        long stored =
                shards.values().stream().mapToLong(ShardState::recordsProcessed).sum();
        Contender.require(stored == expected, run.processor() + " checkpointed " + stored + " records of " + expected);
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
    static long readRaw(
            DynamoDbAsyncClient client,
            DynamoDbStreamsAsyncClient streams,
            String table,
            int batchSize,
            int expected,
            Consumer<Record> consumer,
            java.util.function.BooleanSupplier stop) {
        String arn =
                client.describeTable(b -> b.tableName(table)).join().table().latestStreamArn();
        long consumed = 0;
        for (Shard shard : streams.describeStream(b -> b.streamArn(arn))
                .join()
                .streamDescription()
                .shards()) {
            String iterator = streams.getShardIterator(b ->
                            b.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .join()
                    .shardIterator();
            while (iterator != null && consumed < expected && !stop.getAsBoolean()) {
                String current = iterator;
                GetRecordsResponse page = streams.getRecords(
                                b -> b.shardIterator(current).limit(batchSize))
                        .join();
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
