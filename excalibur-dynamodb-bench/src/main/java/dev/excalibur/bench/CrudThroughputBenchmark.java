package dev.excalibur.bench;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Side-by-side throughput of the same create / get / update mix through the raw SDK, the AWS
 * Enhanced Client and our provider, in one JVM, twice: end to end on one embedded DynamoDB Local,
 * and over recorded responses (client-side cost only). Rounds are interleaved and rotated so drift
 * hits every contender alike; the median round counts.
 */
public final class CrudThroughputBenchmark {

    private static final int IN_FLIGHT = 8;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int MEASURED_ROUNDS = 7;

    private CrudThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        out.printf("Excalibur DynamoDB CRUD benchmark: create + get + update per order, %d in flight, "
                + "%d warm-up + %d measured rounds per contender, rounds interleaved%n", IN_FLIGHT, WARM_UP_ROUNDS, MEASURED_ROUNDS);

        EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
        DynamoDbAsyncClient embedded = db.asyncClient();
        run(out, "embedded DynamoDB Local 3.3.1 (in-process, real SDK async client; end to end)", embedded, 2000,
                table -> createTable(db, table));

        try (DynamoDbAsyncClient canned = DynamoDbAsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .endpointOverride(URI.create("http://canned.local"))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(new CannedResponseHttpClient())
                .build()) {
            run(out, "recorded responses (no engine: SDK pipeline + library cost only)", canned, 2000, table -> { });
        }
        System.exit(0);
    }

    private interface TableSetup {
        void create(String table);
    }

    private static void run(PrintStream out, String setup, DynamoDbAsyncClient client, long roundMillis, TableSetup tables) throws Exception {
        List<Contender> contenders = new ArrayList<>();
        tables.create("Bench_raw");
        contenders.add(new RawSdkContender(client, "Bench_raw"));
        tables.create("Bench_enhanced");
        contenders.add(new EnhancedClientContender(client, "Bench_enhanced"));
        tables.create("Bench_provider");
        DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .client(client).options(o -> o.tableName("Bench_provider")).build();
        provider.initialize().join();
        contenders.add(new ProviderContender(provider));

        AtomicInteger[] next = new AtomicInteger[contenders.size()];
        Arrays.setAll(next, i -> new AtomicInteger());
        double[][] rates = new double[contenders.size()][MEASURED_ROUNDS];
        for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
            for (int k = 0; k < contenders.size(); k++) {
                int c = (k + round) % contenders.size();
                double rate = opsPerSecond(contenders.get(c), next[c], roundMillis);
                if (round >= WARM_UP_ROUNDS) {
                    rates[c][round - WARM_UP_ROUNDS] = rate;
                }
            }
        }
        provider.close();

        out.println();
        out.println(setup);
        double[] medians = new double[contenders.size()];
        for (int c = 0; c < contenders.size(); c++) {
            double[] sorted = rates[c].clone();
            Arrays.sort(sorted);
            medians[c] = sorted[sorted.length / 2];
            out.printf(Locale.ROOT, "  %-72s %,10.0f ops/s  (rounds %,.0f .. %,.0f)%n",
                    contenders.get(c).name(), medians[c], sorted[0], sorted[sorted.length - 1]);
        }
        out.printf(Locale.ROOT, "  ratio ours/raw = %.3f   ours/enhanced = %.3f%n", medians[2] / medians[0], medians[2] / medians[1]);
    }

    /** Runs the contender from {@link #IN_FLIGHT} threads for {@code millis}; requests per second. */
    private static double opsPerSecond(Contender contender, AtomicInteger next, long millis) throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        long deadline = start + millis * 1_000_000L;
        Thread[] lanes = new Thread[IN_FLIGHT];
        RuntimeException[] failure = new RuntimeException[1];
        for (int i = 0; i < IN_FLIGHT; i++) {
            lanes[i] = new Thread(() -> {
                try {
                    while (System.nanoTime() < deadline) {
                        contender.createReadUpdate(next.getAndIncrement()).join();
                        calls.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            });
            lanes[i].start();
        }
        for (Thread lane : lanes) {
            lane.join();
        }
        if (failure[0] != null) {
            throw new IllegalStateException(contender.name() + " failed", failure[0]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return calls.get() * Contender.OPERATIONS_PER_CALL / seconds;
    }

    static void createTable(EmbeddedDynamoDb db, String table) {
        db.client().createTable(b -> b.tableName(table)
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }
}
