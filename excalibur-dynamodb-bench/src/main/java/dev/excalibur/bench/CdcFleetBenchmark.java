package dev.excalibur.bench;

import dev.excalibur.cdc.dynamodb.kcl.KclCdcWorker;
import dev.excalibur.cdc.dynamodb.processor.CdcProcessor;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.dynamodb.engine.DynamoDbEngine;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * The three ways to consume one stream over HTTP, on the Excalibur engine in server mode in this JVM:
 * a raw {@code GetRecords} loop, our in-process {@code CdcProcessor}, and our {@code KclCdcWorker}
 * (KCL 3 with the DynamoDB Streams adapter, the peer a fleet would run). Each run reads the same
 * stream of 20,000 changes from its oldest record into a handler that does nothing, under a new
 * name (a new KCL application: new lease tables); it measures the time to the first record (start
 * up, leases) and the records per second from the first record to the last. Rounds interleaved,
 * medians. With the argument {@code failover} it runs {@link #failover} instead: how long a killed
 * lone worker's shard waits for a new worker.
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

    private CdcFleetBenchmark() {}

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
        if (args.length == 1 && args[0].equals("failover")) {
            failover(System.out);
        } else {
            runners(System.out);
        }
        System.exit(0);
    }

    private static void runners(PrintStream out) throws Exception {
        try (DynamoDbEngine engine = DynamoDbEngine.create();
                DynamoDbEngineServer server =
                        DynamoDbEngineServer.create(engine, 0).start()) {
            DynamoDbClient client = server.client();
            DynamoDbAsyncClient asyncClient = server.asyncClient();
            DynamoDbStreamsAsyncClient streams = server.streamsAsyncClient();
            String table = "Bench_cdc_fleet";
            createStreamTable(client, table);
            for (int i = 0; i < RECORDS; i += 25) {
                CdcBenchmark.write(client, table, i, 25, 0);
            }
            out.printf(
                    "%nExcalibur CDC runners on the Excalibur engine in server mode (HTTP on loopback, same JVM), one stream of"
                            + " %,d changes read from its oldest record per run, %d records per read, idle polls every %d ms,"
                            + " %d warm-up + %d measured rounds, interleaved, medians%n",
                    RECORDS, BATCH, POLL.toMillis(), WARM_UP_ROUNDS, MEASURED_ROUNDS);
            List<String> names = List.of(
                    "raw SDK: GetRecords loop",
                    "ours: CdcProcessor, checkpoint per batch in memory",
                    "ours: KclCdcWorker (KCL 3.2.1, adapter 2.0.1), checkpoint per batch, poll interval "
                            + POLL.toMillis() + " ms",
                    "ours: KclCdcWorker, poll interval " + FAST_KCL_POLL.toMillis() + " ms");
            List<Reader> readers = List.of(
                    arrivals -> raw(asyncClient, streams, table, arrivals),
                    arrivals -> processor(asyncClient, streams, table, arrivals),
                    arrivals -> kcl(asyncClient, streams, table, POLL, arrivals),
                    arrivals -> kcl(asyncClient, streams, table, FAST_KCL_POLL, arrivals));
            double[][] startUps = new double[readers.size()][WARM_UP_ROUNDS + MEASURED_ROUNDS];
            int[] runs = new int[readers.size()];
            out.println(" records/s from the first record to the last");
            double[] rates = Rounds.interleaved(
                    out,
                    names,
                    WARM_UP_ROUNDS,
                    MEASURED_ROUNDS,
                    w -> {
                        Arrivals arrivals = new Arrivals();
                        long start = System.nanoTime();
                        AutoCloseable reader = readers.get(w).start(arrivals);
                        try (reader) {
                            Contender.require(
                                    arrivals.done.await(5, TimeUnit.MINUTES), "every record reached the handler");
                        }
                        startUps[w][runs[w]++] = (arrivals.first - start) / 1e6;
                        return (RECORDS - 1) / ((arrivals.last - arrivals.first) / 1e9);
                    },
                    "records/s");
            out.printf(
                    Locale.ROOT,
                    "  ratio to raw = %.3f (CdcProcessor), %.3f (KclCdcWorker), %.3f (KclCdcWorker, %d ms)%n",
                    rates[1] / rates[0],
                    rates[2] / rates[0],
                    rates[3] / rates[0],
                    FAST_KCL_POLL.toMillis());
            out.println(" time from start to the first record handled (measured rounds)");
            for (int w = 0; w < names.size(); w++) {
                double[] measured = Arrays.copyOfRange(startUps[w], WARM_UP_ROUNDS, WARM_UP_ROUNDS + MEASURED_ROUNDS);
                Arrays.sort(measured);
                out.printf(
                        Locale.ROOT,
                        "  %-84s median %8.0f ms   range %.0f .. %.0f ms%n",
                        names.get(w),
                        measured[measured.length / 2],
                        measured[0],
                        measured[measured.length - 1]);
            }
        }
    }

    /** Rounds of the failover run: each kills the worker that holds the lease (and leads) and times its successor. */
    private static final int FAILOVER_ROUNDS = 3;
    /** Settings of the failover run: name, then lease duration, leader lease duration, lease assignment interval (ms). */
    private static final List<List<String>> FAILOVER_SETTINGS = List.of(
            List.of("builder defaults (lease 10 s, leader lease 10 s, assignment every 2 s)"),
            List.of("lease 3 s, leader lease 2 s, assignment every 500 ms", "3000", "2000", "500"));

    /** A {@link KclFailoverWorker} in a JVM of its own and the time of its first handled change. */
    private static final class WorkerProcess {
        final Process process;
        final CountDownLatch firstChange = new CountDownLatch(1);
        volatile long firstChangeNanos;

        WorkerProcess(
                DynamoDbEngineServer server, String table, String application, String workerId, List<String> settings)
                throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    System.getProperty("java.class.path"),
                    KclFailoverWorker.class.getName(),
                    server.endpoint().toString(),
                    server.engine().region().id(),
                    table,
                    application,
                    workerId));
            command.addAll(settings.subList(1, settings.size()));
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader lines = new BufferedReader(
                                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                                if (firstChange.getCount() > 0) {
                                    firstChangeNanos = System.nanoTime();
                                    firstChange.countDown();
                                }
                            }
                        } catch (IOException e) {
                            // the process was killed; its output ends here
                        }
                    },
                    "failover-worker-" + workerId);
            reader.setDaemon(true);
            reader.start();
        }

        long awaitFirstChange(Duration timeout) throws InterruptedException {
            Contender.require(
                    firstChange.await(timeout.toMillis(), TimeUnit.MILLISECONDS), "the worker handled a change");
            return firstChangeNanos;
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            Contender.require(process.waitFor(30, TimeUnit.SECONDS), "the killed worker's JVM ended");
        }
    }

    /**
     * The failover run: per setting, a new application's lone worker in a JVM of its own (so also
     * the fleet's leader) is started, then killed with {@code destroyForcibly} while a writer puts
     * a change every 20 ms, and a new worker (new JVM, new worker id) is started at once; times
     * from the kill to the new worker's first handled change, {@link #FAILOVER_ROUNDS} rounds
     * (each kills the previous round's new worker), medians.
     */
    private static void failover(PrintStream out) throws Exception {
        try (DynamoDbEngine engine = DynamoDbEngine.create();
                DynamoDbEngineServer server =
                        DynamoDbEngineServer.create(engine, 0).start()) {
            DynamoDbClient client = server.client();
            String table = "Bench_cdc_failover";
            createStreamTable(client, table);
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(
                    () -> {
                        for (int n = 0; !stop.get(); n++) {
                            CdcBenchmark.write(client, table, n % 10, 1, n);
                            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
                        }
                    },
                    "failover-writer");
            writer.start();
            out.printf(
                    "%nKclCdcWorker failover on the Excalibur engine in server mode (HTTP on loopback): a lone worker in a JVM"
                            + " of its own, killed (destroyForcibly) while a change is written every 20 ms; a new worker in a new JVM"
                            + " started at once; %d rounds per setting, medians%n",
                    FAILOVER_ROUNDS);
            out.println(" time from the kill to the new worker's first handled change (its JVM's start-up included)");
            int application = 0;
            for (List<String> settings : FAILOVER_SETTINGS) {
                String name = "bench-failover-" + ++application;
                long started = System.nanoTime();
                WorkerProcess worker = new WorkerProcess(server, table, name, "worker-0", settings);
                double startUp = (worker.awaitFirstChange(Duration.ofMinutes(5)) - started) / 1e6;
                double[] failovers = new double[FAILOVER_ROUNDS];
                for (int round = 1; round <= FAILOVER_ROUNDS; round++) {
                    worker.kill();
                    long killed = System.nanoTime();
                    worker = new WorkerProcess(server, table, name, "worker-" + round, settings);
                    failovers[round - 1] = (worker.awaitFirstChange(Duration.ofMinutes(10)) - killed) / 1e6;
                }
                worker.kill();
                Arrays.sort(failovers);
                out.printf(
                        Locale.ROOT,
                        "  %-72s median %8.0f ms   range %.0f .. %.0f ms   (a new application's first change: %.0f ms)%n",
                        settings.get(0),
                        failovers[FAILOVER_ROUNDS / 2],
                        failovers[0],
                        failovers[FAILOVER_ROUNDS - 1],
                        startUp);
            }
            stop.set(true);
            writer.join();
        }
    }

    private static AutoCloseable raw(
            DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table, Arrivals arrivals) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(
                () -> CdcDeliveryWorkload.readRaw(
                        client, streams, table, BATCH, RECORDS, record -> arrivals.arrive(), stop::get),
                "raw-reader");
        reader.start();
        return () -> {
            stop.set(true);
            reader.join();
        };
    }

    private static AutoCloseable processor(
            DynamoDbAsyncClient client, DynamoDbStreamsAsyncClient streams, String table, Arrivals arrivals) {
        CdcProcessor processor = CdcProcessor.builder()
                .name("bench-fleet-" + RUNS.incrementAndGet())
                .tableName(table)
                .client(client)
                .streamsClient(streams)
                .stateStore(new InMemoryCdcStateStore())
                .maxBatchSize(BATCH)
                .pollInterval(POLL)
                .handler(change -> arrivals.arrive())
                .build();
        processor.start();
        return processor::stop;
    }

    private static AutoCloseable kcl(
            DynamoDbAsyncClient client,
            DynamoDbStreamsAsyncClient streams,
            String table,
            Duration poll,
            Arrivals arrivals) {
        KclCdcWorker worker = KclCdcWorker.builder()
                .applicationName("bench-fleet-" + RUNS.incrementAndGet())
                .tableName(table)
                .client(client)
                .streamsClient(streams)
                .workerMetrics(false)
                .maxBatchSize(BATCH)
                .pollInterval(poll)
                .handler(change -> arrivals.arrive())
                .build();
        worker.start();
        return worker::stop;
    }

    /** A table keyed by {@code pk} with a stream of new and old images. */
    @SuppressWarnings("unchecked")
    private static void createStreamTable(DynamoDbClient client, String table) {
        client.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }
}
