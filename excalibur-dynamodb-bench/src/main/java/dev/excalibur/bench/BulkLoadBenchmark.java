package dev.excalibur.bench;

import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Bulk loads on one embedded Excalibur engine: ours ({@code bulkWrite}, 4 requests in flight)
 * against the Enhanced Client's {@code batchWriteItem} with as many calls in flight, each load of
 * {@value #ORDERS} orders into a fresh table, in interleaved rounds whose order alternates (ours
 * first, then the Enhanced Client first, ...), the first {@value #WARM_UP_ROUNDS} dropped; prints
 * each measured round's rates and ratio, then the medians. A naive sequential {@code PutItem} loop is loaded once, for reference. Part of
 * {@link QueryBatchBenchmark}; its own {@link #main} runs it alone.
 */
public final class BulkLoadBenchmark {

    /** Requests in flight for both: ours is its default {@code bulkConcurrency}, 4. */
    static final int IN_FLIGHT = 4;

    static final int WARM_UP_ROUNDS = 2;
    static final int ROUNDS = 5;
    static final int ORDERS = 10_000;
    private static final int NAIVE_WARM_UP = 2_000;

    private BulkLoadBenchmark() {}

    public static void main(String[] args) {
        EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
        run(System.out, db, db.asyncClient());
        System.exit(0);
    }

    /** Runs the rounds and prints them; returns the median ratio ours / Enhanced Client. */
    static double run(PrintStream out, EmbeddedDynamoDb db, DynamoDbAsyncClient client) {
        BulkLoadContender ours = BulkLoadContender.provider(client);
        BulkLoadContender peer = BulkLoadContender.enhanced(client, IN_FLIGHT);
        BulkLoadContender naive = BulkLoadContender.naivePutLoop(client);
        List<Order> warmUp = IntStream.range(0, NAIVE_WARM_UP)
                .mapToObj(i -> Order.number(1_000_000 + i))
                .toList();
        List<Order> orders = IntStream.range(0, ORDERS).mapToObj(Order::number).toList();
        out.println();
        out.printf(
                Locale.ROOT,
                "the embedded Excalibur engine: bulk load of %,d orders (100 partitions) into a fresh table per load,"
                        + " %d requests in flight each, %d warm-up + %d measured rounds interleaved (order alternating)%n",
                ORDERS,
                IN_FLIGHT,
                WARM_UP_ROUNDS,
                ROUNDS);
        out.printf(Locale.ROOT, "  A = %s%n  B = %s%n", ours.name(), peer.name());
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            boolean oursFirst = round % 2 == 0;
            for (BulkLoadContender contender : oursFirst ? List.of(ours, peer) : List.of(peer, ours)) {
                load(contender, db, "Bench_bulk_warm_up", orders);
            }
        }
        double[] oursRates = new double[ROUNDS];
        double[] peerRates = new double[ROUNDS];
        double[] ratios = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            boolean oursFirst = round % 2 == 0;
            if (oursFirst) {
                oursRates[round] = load(ours, db, "Bench_bulk_A", orders);
                peerRates[round] = load(peer, db, "Bench_bulk_B", orders);
            } else {
                peerRates[round] = load(peer, db, "Bench_bulk_B", orders);
                oursRates[round] = load(ours, db, "Bench_bulk_A", orders);
            }
            ratios[round] = oursRates[round] / peerRates[round];
            out.printf(
                    Locale.ROOT,
                    "  round %d (%s first): A %,8.0f items/s   B %,8.0f items/s   A/B %.2f%n",
                    round + 1,
                    oursFirst ? "A" : "B",
                    oursRates[round],
                    peerRates[round],
                    ratios[round]);
        }
        double oursMedian = median(oursRates);
        double ratio = median(ratios);
        out.printf(
                Locale.ROOT,
                "  median: A %,.0f items/s   B %,.0f items/s   A/B %.2f (rounds %.2f .. %.2f)%n",
                oursMedian,
                median(peerRates),
                ratio,
                Arrays.stream(ratios).min().orElseThrow(),
                Arrays.stream(ratios).max().orElseThrow());
        load(naive, db, "Bench_bulk_warm_up", warmUp);
        double naiveRate = load(naive, db, "Bench_bulk_naive", orders);
        out.printf(
                Locale.ROOT,
                "  reference, one load: %s %,.0f items/s   A (median) / naive %.2f%n",
                naive.name(),
                naiveRate,
                oursMedian / naiveRate);
        return ratio;
    }

    /** One measured load into a fresh table, dropped afterwards; items per second. */
    private static double load(BulkLoadContender contender, EmbeddedDynamoDb db, String table, List<Order> orders) {
        double rate = BulkLoadContender.itemsPerSecond(contender, db, table, orders);
        db.client().deleteTable(b -> b.tableName(table));
        return rate;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
