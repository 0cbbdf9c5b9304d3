package dev.excalibur.bench;

import dev.excalibur.cdc.dynamodb.processor.CdcProcessor;
import dev.excalibur.cdc.dynamodb.state.DynamoDbCdcStateStore;
import dev.excalibur.cdc.dynamodb.state.InMemoryCdcStateStore;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * CDC on the embedded engine: delivery rate (records/s from a stream of 50,000 changes into a
 * handler that does nothing, ours with a checkpoint per batch) against a raw {@code GetRecords}
 * loop on the same stream, rounds interleaved, medians; then write-to-handler latency (p50/p99)
 * with both polling an idle shard every 50 ms.
 */
public final class CdcBenchmark {

    private static final int RECORDS = 50_000;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int MEASURED_ROUNDS = 5;
    private static final int LATENCY_SAMPLES = 1_000;
    private static final Duration WRITE_EVERY = Duration.ofMillis(5);
    private static final Duration POLL = Duration.ofMillis(50);

    private CdcBenchmark() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
        DynamoDbAsyncClient client = db.asyncClient();
        DynamoDbStreamsAsyncClient streams = db.streamsAsyncClient();
        DynamoDbCdcStateStore store = DynamoDbCdcStateStore.builder()
                .client(client)
                .tableName("Bench_cdc_state")
                .build();
        String table = streamTable(db, "Bench_cdc");
        for (int i = 0; i < RECORDS; i += 25) {
            write(db.client(), table, i, 25, 0);
        }
        out.printf(
                "%nExcalibur CDC benchmark on the embedded Excalibur engine (real SDK async clients), one stream of %,d"
                        + " changes read from its oldest record per run, %d warm-up + %d measured rounds, interleaved, medians%n",
                RECORDS, WARM_UP_ROUNDS, MEASURED_ROUNDS);
        for (int batch : new int[] {1000, 100}) {
            out.printf(" delivery into a no-op handler, %d records per read%n", batch);
            double[] rates = rates(
                    out,
                    List.of(
                            CdcDeliveryWorkload.raw(client, streams, table, batch),
                            CdcDeliveryWorkload.processor(
                                    client, streams, table, new InMemoryCdcStateStore(), "in memory", batch),
                            CdcDeliveryWorkload.processor(client, streams, table, store, "DynamoDB table", batch),
                            new CdcDeliveryWorkload.ProcessorWorkload(
                                    client, streams, table, store, "DynamoDB table", batch, Duration.ofSeconds(1))));
            out.printf(
                    Locale.ROOT,
                    "  ratio ours/raw = %.3f (checkpoint per batch in memory), %.3f (per batch in DynamoDB),"
                            + " %.3f (at most every second in DynamoDB)%n",
                    rates[1] / rates[0],
                    rates[2] / rates[0],
                    rates[3] / rates[0]);
        }
        latency(out, db, client, streams, store);
        System.exit(0);
    }

    private static double[] rates(PrintStream out, List<CdcDeliveryWorkload> workloads) throws Exception {
        return Rounds.interleaved(
                out,
                workloads.stream().map(CdcDeliveryWorkload::name).toList(),
                WARM_UP_ROUNDS,
                MEASURED_ROUNDS,
                w -> RECORDS / (workloads.get(w).readAll(RECORDS) / 1e9),
                "records/s");
    }

    private static void latency(
            PrintStream out,
            EmbeddedDynamoDb db,
            DynamoDbAsyncClient client,
            DynamoDbStreamsAsyncClient streams,
            DynamoDbCdcStateStore store)
            throws Exception {
        out.printf(
                " write-to-handler latency: one PutItem every %d ms, %,d samples, idle shard polled every %d ms%n",
                WRITE_EVERY.toMillis(), LATENCY_SAMPLES, POLL.toMillis());
        String rawTable = streamTable(db, "Bench_cdc_latency_raw");
        List<Long> raw = new ArrayList<>();
        AtomicBoolean rawDone = new AtomicBoolean();
        Thread reader = new Thread(() -> CdcDeliveryWorkload.readRaw(
                client,
                streams,
                rawTable,
                1000,
                Integer.MAX_VALUE,
                record -> sample(raw, record.dynamodb().newImage()),
                rawDone::get));
        reader.start();
        writeTimed(db, rawTable);
        waitFor(raw);
        rawDone.set(true);
        reader.join();
        print(out, "raw SDK: GetRecords loop", raw);

        String oursTable = streamTable(db, "Bench_cdc_latency_ours");
        List<Long> ours = new ArrayList<>();
        try (CdcProcessor processor = CdcProcessor.builder()
                .name("bench-latency")
                .tableName(oursTable)
                .client(client)
                .streamsClient(streams)
                .stateStore(store)
                .pollInterval(POLL)
                .handler(change -> sample(ours, change.newImage()))
                .build()) {
            processor.start();
            writeTimed(db, oursTable);
            waitFor(ours);
        }
        print(out, "ours: CdcProcessor, checkpoint per batch in a DynamoDB table", ours);
    }

    private static void sample(List<Long> samples, Map<String, AttributeValue> image) {
        long written = Long.parseLong(image.get("writtenNanos").n());
        synchronized (samples) {
            samples.add(System.nanoTime() - written);
        }
    }

    private static void writeTimed(EmbeddedDynamoDb db, String table) throws InterruptedException {
        for (int i = 0; i < LATENCY_SAMPLES; i++) {
            write(db.client(), table, i, 1, System.nanoTime());
            Thread.sleep(WRITE_EVERY.toMillis());
        }
    }

    private static void waitFor(List<Long> samples) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            synchronized (samples) {
                if (samples.size() >= LATENCY_SAMPLES) {
                    return;
                }
            }
            Contender.require(System.nanoTime() < deadline, "every latency sample arrived");
            Thread.sleep(10);
        }
    }

    private static void print(PrintStream out, String name, List<Long> samples) {
        long[] sorted;
        synchronized (samples) {
            sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        out.printf(
                Locale.ROOT,
                "  %-72s p50 %6.1f ms   p99 %6.1f ms%n",
                name,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6);
    }

    static String streamTable(EmbeddedDynamoDb db, String hint) {
        return db.createStreamTable(hint);
    }

    /** Items {@code from .. from+count-1}, each with the write time. */
    static void write(DynamoDbClient client, String table, int from, int count, long writtenNanos) {
        List<WriteRequest> requests = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            String key = "order-" + i;
            requests.add(WriteRequest.builder()
                    .putRequest(p -> p.item(Map.of(
                            "pk",
                            AttributeValue.fromS(key),
                            "total",
                            AttributeValue.fromN("42"),
                            "writtenNanos",
                            AttributeValue.fromN(Long.toString(writtenNanos)))))
                    .build());
        }
        var response = client.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
        Contender.require(
                !response.hasUnprocessedItems() || response.unprocessedItems().isEmpty(), "every item was written");
    }
}
