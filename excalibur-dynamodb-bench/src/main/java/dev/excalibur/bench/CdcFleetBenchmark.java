package dev.excalibur.bench;

import dev.excalibur.cdc.dynamodb.CdcProcessor;
import dev.excalibur.cdc.dynamodb.kcl.KclCdcWorker;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The three ways to consume one stream over HTTP, on the Excalibur engine in server mode in this JVM:
 * a raw {@code GetRecords} loop, our in-process {@code CdcProcessor}, and our {@code KclCdcWorker}
 * (KCL 3 with the DynamoDB Streams adapter, the peer a fleet would run). Each run reads the same
 * stream of 20,000 changes from its oldest record into a handler that does nothing, under a new
 * name (a new KCL application: new lease tables); it measures the time to the first record (start
 * up, leases) and the records per second from the first record to the last. Rounds interleaved,
 * medians.
 */
public final class CdcFleetBenchmark {

    private static final int RECORDS = 20_000;
    private static final int BATCH = 1000;
    private static final Duration POLL = Duration.ofMillis(200);
    /** Under the adapter the poll interval is the least time between two reads of a shard, even full ones. */
    private static final Duration FAST_KCL_POLL = Duration.ofMillis(20);
    private static final int WARM_UP_ROUNDS = 1;
    private static final int MEASURED_ROUNDS = 3;
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** Held so that the adapter's java.util.logging level stays set. */
    private static final Logger ADAPTER_LOG = Logger.getLogger("com.amazonaws.services.dynamodbv2.streamsadapter");

    private CdcFleetBenchmark() {
    }

    /** Starts reading the stream into {@code arrivals}; closing the result stops the reader. */
    @FunctionalInterface
    private interface Reader {
        AutoCloseable start(Arrivals arrivals) throws Exception;
    }

    /** When the first and the last of the expected records reached the handler. */
    private static final class Arrivals {
        final AtomicLong count = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        volatile long first;
        volatile long last;

        void arrive() {
            long n = count.incrementAndGet();
            if (n == 1) {
                first = System.nanoTime();
            }
            if (n == RECORDS) {
                last = System.nanoTime();
                done.countDown();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        ADAPTER_LOG.setLevel(Level.WARNING);
        PrintStream out = System.out;
        try (DynamoDbEngine engine = DynamoDbEngine.create();
             DynamoDbEngineServer server = DynamoDbEngineServer.create(engine, 0).start()) {
            DynamoDbClient client = server.client();
            DynamoDbAsyncClient asyncClient = server.asyncClient();
            DynamoDbStreamsAsyncClient streams = server.streamsAsyncClient();
            String table = "Bench_cdc_fleet";
            client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
            for (int i = 0; i < RECORDS; i += 25) {
                CdcBenchmark.write(client, table, i, 25, 0);
            }
            out.printf("%nExcalibur CDC runners on the Excalibur engine in server mode (HTTP on loopback, same JVM), one stream of"
                    + " %,d changes read from its oldest record per run, %d records per read, idle polls every %d ms,"
                    + " %d warm-up + %d measured rounds, interleaved, medians%n",
                    RECORDS, BATCH, POLL.toMillis(), WARM_UP_ROUNDS, MEASURED_ROUNDS);
            List<String> names = List.of("raw SDK: GetRecords loop", "ours: CdcProcessor, checkpoint per batch in memory",
                    "ours: KclCdcWorker (KCL 3.1.1, adapter 2.0.1), checkpoint per batch, poll interval " + POLL.toMillis() + " ms",
                    "ours: KclCdcWorker, poll interval " + FAST_KCL_POLL.toMillis() + " ms");
            List<Reader> readers = List.of(
                    arrivals -> raw(asyncClient, streams, table, arrivals),
                    arrivals -> processor(asyncClient, streams, table, arrivals),
                    arrivals -> kcl(asyncClient, streams, table, POLL, arrivals),
                    arrivals -> kcl(asyncClient, streams, table, FAST_KCL_POLL, arrivals));
            double[][] startUps = new double[readers.size()][WARM_UP_ROUNDS + MEASURED_ROUNDS];
            int[] runs = new int[readers.size()];
            out.println(" records/s from the first record to the last");
            double[] rates = Rounds.interleaved(out, names, WARM_UP_ROUNDS, MEASURED_ROUNDS, w -> {
                Arrivals arrivals = new Arrivals();
                long start = System.nanoTime();
                try (AutoCloseable reader = readers.get(w).start(arrivals)) {
                    Contender.require(arrivals.done.await(5, TimeUnit.MINUTES), "every record reached the handler");
                }
                startUps[w][runs[w]++] = (arrivals.first - start) / 1e6;
                return (RECORDS - 1) / ((arrivals.last - arrivals.first) / 1e9);
            }, "records/s");
            out.printf(Locale.ROOT, "  ratio to raw = %.3f (CdcProcessor), %.3f (KclCdcWorker), %.3f (KclCdcWorker, %d ms)%n",
                    rates[1] / rates[0], rates[2] / rates[0], rates[3] / rates[0], FAST_KCL_POLL.toMillis());
            out.println(" time from start to the first record handled (measured rounds)");
            for (int w = 0; w < names.size(); w++) {
                double[] measured = Arrays.copyOfRange(startUps[w], WARM_UP_ROUNDS, WARM_UP_ROUNDS + MEASURED_ROUNDS);
                Arrays.sort(measured);
                out.printf(Locale.ROOT, "  %-84s median %8.0f ms   range %.0f .. %.0f ms%n", names.get(w),
                        measured[measured.length / 2], measured[0], measured[measured.length - 1]);
            }
        }
        System.exit(0);
    }

    private static AutoCloseable raw(DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table, Arrivals arrivals) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> CdcDeliveryWorkload.readRaw(client, streams, table, BATCH, RECORDS,
                record -> arrivals.arrive(), stop::get), "raw-reader");
        reader.start();
        return () -> {
            stop.set(true);
            reader.join();
        };
    }

    private static AutoCloseable processor(DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table,
                                           Arrivals arrivals) {
        CdcProcessor processor = CdcProcessor.builder().name("bench-fleet-" + RUNS.incrementAndGet()).tableName(table)
                .client(client).streamsClient(streams).stateStore(new InMemoryCdcStateStore()).maxBatchSize(BATCH)
                .pollInterval(POLL).handler(change -> arrivals.arrive()).build();
        processor.start();
        return processor::stop;
    }

    private static AutoCloseable kcl(DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table, Duration poll,
                                     Arrivals arrivals) {
        KclCdcWorker worker = KclCdcWorker.builder().applicationName("bench-fleet-" + RUNS.incrementAndGet()).tableName(table)
                .client(client).streamsClient(streams).workerMetrics(false).maxBatchSize(BATCH).pollInterval(poll)
                .handler(change -> arrivals.arrive()).build();
        worker.start();
        return worker::stop;
    }
}
