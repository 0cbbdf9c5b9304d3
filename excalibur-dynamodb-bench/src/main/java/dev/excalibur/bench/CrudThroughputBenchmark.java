package dev.excalibur.bench;

import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Side-by-side throughput of the same create / get / update mix through the raw SDK, the AWS
 * Enhanced Client and our provider, in one JVM, twice: end to end on one embedded Excalibur engine,
 * and over recorded responses (client-side cost only). Rounds are interleaved and rotated so drift
 * hits every contender alike; the median round counts.
 *
 * <p>Arguments (both optional): the setup, {@code engine} or {@code recorded} (default: both, engine
 * first); and the contenders, {@code raw}, {@code enhanced} and {@code provider} separated by commas
 * (default: all three; one alone is for profiling it, and prints no ratios).
 */
public final class CrudThroughputBenchmark {

    private static final int IN_FLIGHT = 8;
    private static final int WARM_UP_ROUNDS = 2;
    /** Measured rounds; more (with shorter rounds) narrow the spread on a busy machine. */
    private static final int MEASURED_ROUNDS = Integer.getInteger("crud.rounds", 7);

    private static final long ROUND_MILLIS = Long.getLong("crud.roundMillis", 2000);
    private static final String ALL_CONTENDERS = "raw,enhanced,provider";

    private CrudThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        String setups = args.length > 0 && !args[0].isBlank() ? args[0] : "both";
        Set<String> only = Set.of((args.length > 1 && !args[1].isBlank() ? args[1] : ALL_CONTENDERS).split(","));
        if (!Set.of("both", "engine", "recorded").contains(setups)
                || !Set.of(ALL_CONTENDERS.split(",")).containsAll(only)) {
            throw new IllegalArgumentException("usage: CrudThroughputBenchmark [both|engine|recorded] ["
                    + ALL_CONTENDERS + " or some of them], not " + String.join(" ", args));
        }
        PrintStream out = System.out;
        out.printf(
                "Excalibur DynamoDB CRUD benchmark: create + get + update per order, %d in flight, "
                        + "%d warm-up + %d measured rounds of %d ms per contender, rounds interleaved%n",
                IN_FLIGHT, WARM_UP_ROUNDS, MEASURED_ROUNDS, ROUND_MILLIS);

        SetupRun crud = (setup, client, tables, endToEnd) -> run(out, setup, client, ROUND_MILLIS, tables, only);
        if (!setups.equals("recorded")) {
            onEngine(EmbeddedDynamoDb.shared(), crud);
        }
        if (!setups.equals("engine")) {
            onRecordedResponses(crud);
        }
        System.exit(0);
    }

    /** Creates a benchmark table (or nothing, for recorded responses). */
    interface TableSetup {
        void create(String table);
    }

    /** A benchmark part, run on one setup. */
    interface SetupRun {
        /**
         * Runs the part through {@code client}, creating its tables with {@code tables}.
         *
         * @param setup what {@code client} talks to, for the output
         * @param endToEnd whether {@code client} reaches the engine (else it gets recorded responses)
         */
        void run(String setup, DynamoDbAsyncClient client, TableSetup tables, boolean endToEnd) throws Exception;
    }

    /** Runs {@code part} end to end on the engine of {@code db}, then over recorded responses. */
    static void onBothSetups(EmbeddedDynamoDb db, SetupRun part) throws Exception {
        onEngine(db, part);
        onRecordedResponses(part);
    }

    private static void onEngine(EmbeddedDynamoDb db, SetupRun part) throws Exception {
        part.run(
                "the embedded Excalibur engine (in-process, real SDK async client; end to end)",
                db.asyncClient(),
                table -> createTable(db, table),
                true);
    }

    private static void onRecordedResponses(SetupRun part) throws Exception {
        try (DynamoDbAsyncClient canned = CannedResponseHttpClient.client()) {
            part.run("recorded responses (no engine: SDK pipeline + library cost only)", canned, table -> {}, false);
        }
    }

    private static void run(
            PrintStream out,
            String setup,
            DynamoDbAsyncClient client,
            long roundMillis,
            TableSetup tables,
            Set<String> only)
            throws Exception {
        List<Contender> contenders = new ArrayList<>();
        if (only.contains("raw")) {
            tables.create("Bench_raw");
            contenders.add(new RawSdkContender(client, "Bench_raw"));
        }
        if (only.contains("enhanced")) {
            tables.create("Bench_enhanced");
            contenders.add(new EnhancedClientContender(client, "Bench_enhanced"));
        }
        DynamoDbPersistenceProvider provider = null;
        if (only.contains("provider")) {
            tables.create("Bench_provider");
            provider = DynamoDbPersistenceProvider.builder()
                    .client(client)
                    .options(o -> o.tableName("Bench_provider"))
                    .build();
            provider.initialize().join();
            contenders.add(new ProviderContender(provider));
        }

        out.println();
        out.println(setup);
        Rounds.Medians medians = new Rounds(IN_FLIGHT, WARM_UP_ROUNDS, MEASURED_ROUNDS, roundMillis)
                .runWithCpu(out, contenders, Contender.OPERATIONS_PER_CALL, "ops/s");
        if (provider != null) {
            provider.close();
        }
        int ours = contenders.size() - 1;
        if (provider != null && only.contains("enhanced")) {
            ratios(out, "enhanced", medians, ours, ours - 1);
        }
        if (provider != null && only.contains("raw")) {
            ratios(out, "raw", medians, ours, 0);
        }
    }

    /** Ours against another contender: medians' ratios, and the median of the ratios of the same rounds. */
    private static void ratios(PrintStream out, String other, Rounds.Medians medians, int ours, int theirs) {
        double[] paired = new double[MEASURED_ROUNDS];
        Arrays.setAll(paired, r -> medians.roundRates()[ours][r] / medians.roundRates()[theirs][r]);
        Arrays.sort(paired);
        out.printf(
                Locale.ROOT,
                "  ours/%s = %.3f, per CPU-s %.3f; of the same round (one after the other) median %.3f,"
                        + " quartiles %.3f .. %.3f%n",
                other,
                medians.rates()[ours] / medians.rates()[theirs],
                medians.perCpuSecond()[ours] / medians.perCpuSecond()[theirs],
                paired[MEASURED_ROUNDS / 2],
                paired[MEASURED_ROUNDS / 4],
                paired[MEASURED_ROUNDS * 3 / 4]);
    }

    @SuppressWarnings("unchecked")
    static void createTable(EmbeddedDynamoDb db, String table) {
        db.client()
                .createTable(b -> b.tableName(table)
                        .keySchema(
                                k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("sk").keyType(KeyType.RANGE))
                        .attributeDefinitions(
                                a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                        .billingMode(BillingMode.PAY_PER_REQUEST));
    }
}
