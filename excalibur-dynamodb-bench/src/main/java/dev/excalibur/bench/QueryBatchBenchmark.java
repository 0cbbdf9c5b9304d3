package dev.excalibur.bench;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.BulkWrite;
import dev.excalibur.data.dynamodb.BulkWriteResult;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Query pages, 100-operation transactions and bulk loads, ours against the raw SDK (and, for bulk
 * loads, the Enhanced Client at the same concurrency, see {@link BulkLoadBenchmark}), in one JVM:
 * query and batch end to end on one embedded Excalibur engine and over recorded responses
 * (client-side cost only), rounds interleaved as in {@link CrudThroughputBenchmark}; bulk loads end
 * to end, rounds interleaved with the order alternating.
 */
public final class QueryBatchBenchmark {

    private static final int IN_FLIGHT = 4;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int MEASURED_ROUNDS = 5;
    private static final long ROUND_MILLIS = 1500;
    private static final String QUERY_PARTITION = "CUSTOMER#1";
    /** Orders in the queried partition: 20 pages of 100. */
    private static final int QUERY_ORDERS = 2_000;

    private static final int QUERY_PAGES = QUERY_ORDERS / QueryPageWorkload.PAGE_SIZE;

    private QueryBatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        out.printf(
                "%nExcalibur DynamoDB query / batch / bulk benchmark: %d in flight, %d warm-up + %d measured rounds of %d ms"
                        + " per contender, rounds interleaved, medians%n",
                IN_FLIGHT, WARM_UP_ROUNDS, MEASURED_ROUNDS, ROUND_MILLIS);
        EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
        DynamoDbAsyncClient embedded = db.asyncClient();
        CrudThroughputBenchmark.onBothSetups(
                db, (setup, client, tables, endToEnd) -> queriesAndBatches(out, setup, client, tables, endToEnd));
        BulkLoadBenchmark.run(out, db, embedded);
        snapshots(out, embedded);
        System.exit(0);
    }

    private static void queriesAndBatches(
            PrintStream out,
            String setup,
            DynamoDbAsyncClient client,
            CrudThroughputBenchmark.TableSetup tables,
            boolean seed)
            throws Exception {
        tables.create("Bench_query");
        tables.create("Bench_batch_raw");
        tables.create("Bench_batch_provider");
        Rounds rounds = new Rounds(IN_FLIGHT, WARM_UP_ROUNDS, MEASURED_ROUNDS, ROUND_MILLIS);
        try (DynamoDbPersistenceProvider queried = provider(client, "Bench_query");
                DynamoDbPersistenceProvider batched = provider(client, "Bench_batch_provider")) {
            if (seed) {
                BulkWriteResult seeded = queried.bulkWrite(IntStream.range(0, QUERY_ORDERS)
                                .mapToObj(i -> BulkWrite.put(PartitionKey.of(QUERY_PARTITION), Order.number(i)))
                                .toList())
                        .join();
                Contender.require(
                        seeded.isComplete() && seeded.written() == QUERY_ORDERS, "the queried partition was loaded");
            }
            out.println();
            out.println(setup);
            out.printf(
                    Locale.ROOT,
                    " query: one partition of %,d orders read in %d pages of %d, following the next-page key,"
                            + " mapped to records%n",
                    QUERY_ORDERS,
                    QUERY_PAGES,
                    QueryPageWorkload.PAGE_SIZE);
            double[] pages = rounds.run(
                    out,
                    List.of(
                            QueryPageWorkload.raw(client, "Bench_query", QUERY_PARTITION, QUERY_PAGES, QUERY_ORDERS),
                            QueryPageWorkload.provider(queried, QUERY_PARTITION, QUERY_PAGES, QUERY_ORDERS)),
                    QUERY_PAGES,
                    "pages/s");
            out.printf(Locale.ROOT, "  ratio ours/raw = %.3f%n", pages[1] / pages[0]);

            out.printf(
                    Locale.ROOT,
                    " batch: one transaction (TransactWriteItems) of %d conditional creates in a new partition%n",
                    BatchCommitWorkload.OPERATIONS);
            double[] commits = rounds.run(
                    out,
                    List.of(BatchCommitWorkload.raw(client, "Bench_batch_raw"), BatchCommitWorkload.provider(batched)),
                    1,
                    "commits/s");
            out.printf(Locale.ROOT, "  ratio ours/raw = %.3f%n", commits[1] / commits[0]);
        }
    }

    private static void snapshots(PrintStream out, DynamoDbAsyncClient client) throws Exception {
        try (DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(client)
                .options(o -> o.tableName("Bench_snapshot_provider").createTablesIfMissing(true))
                .build()) {
            DynamoDbSnapshotStore ours = provider.snapshotStore(o -> o.tableName("Bench_snapshots_ours"));
            DynamoDbSnapshotStore rawTable = provider.snapshotStore(o -> o.tableName("Bench_snapshots_raw"));
            ours.getLatestSnapshot("warm-up", "Order").join();
            rawTable.getLatestSnapshot("warm-up", "Order").join();
            out.println();
            out.println(
                    "the embedded Excalibur engine: snapshot save (conditional on the version) + load latest, 1 KB of state");
            double[] rates = new Rounds(IN_FLIGHT, WARM_UP_ROUNDS, MEASURED_ROUNDS, ROUND_MILLIS)
                    .run(
                            out,
                            List.of(SnapshotWorkload.raw(client, rawTable.tableName()), SnapshotWorkload.store(ours)),
                            1,
                            "save+load/s");
            out.printf(Locale.ROOT, "  ratio ours/raw = %.3f%n", rates[1] / rates[0]);
        }
    }

    private static DynamoDbPersistenceProvider provider(DynamoDbAsyncClient client, String table) {
        DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(client)
                .options(o -> o.tableName(table))
                .build();
        provider.initialize().join();
        return provider;
    }
}
