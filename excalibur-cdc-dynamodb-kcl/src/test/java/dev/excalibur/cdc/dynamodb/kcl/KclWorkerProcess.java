package dev.excalibur.cdc.dynamodb.kcl;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.dynamodb.engine.DynamoDbEngineServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * One KCL worker in a JVM of its own, for the tests that kill one ({@code kill -9}: no shutdown of any
 * kind runs). It prints {@code HANDLED shardId sequenceNumber pk version} for each change it handles
 * (a put whose new image has a number {@code v}), flushed before the handler returns, so a line means
 * the change was handled; it never stops by itself.
 *
 * <p>{@link #launch} starts one. Arguments: endpoint, region, table, application, worker id, then in
 * milliseconds the lease duration, the leader lease duration, the lease assignment interval and the
 * poll interval, then the batch size and a pause per change (ms).
 */
public final class KclWorkerProcess {

    private KclWorkerProcess() {}

    /** One change a worker handled. */
    record Delivered(String shardId, String sequenceNumber, String key, int version) {
        static Delivered of(CdcChange change) {
            return new Delivered(
                    change.shardId(),
                    change.sequenceNumber(),
                    change.keys().get("pk").s(),
                    Integer.parseInt(change.newImage().get("v").n()));
        }
    }

    /** The worker's settings; the pause is spent in the handler on each change. */
    record Settings(
            Duration lease,
            Duration leaderLease,
            Duration assignmentInterval,
            Duration poll,
            int maxBatchSize,
            Duration pausePerChange) {}

    /** A started worker process, its log (standard error) and the thread that reads its handled changes. */
    record Launched(Process process, Path log, Thread output) {}

    /**
     * Starts a worker of {@code application} on {@code server}'s {@code table} in a new JVM, its log in target/.
     * Each change it handles goes to {@code onHandled}, on a thread of its own that ends with the process's output.
     */
    static Launched launch(
            DynamoDbEngineServer server,
            String table,
            String application,
            String workerId,
            Settings settings,
            Consumer<Delivered> onHandled)
            throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KclWorkerProcess.class.getName(),
                server.endpoint().toString(),
                server.engine().region().id(),
                table,
                application,
                workerId,
                Long.toString(settings.lease().toMillis()),
                Long.toString(settings.leaderLease().toMillis()),
                Long.toString(settings.assignmentInterval().toMillis()),
                Long.toString(settings.poll().toMillis()),
                Integer.toString(settings.maxBatchSize()),
                Long.toString(settings.pausePerChange().toMillis()));
        Path log = Path.of("target", "kcl-worker-" + application + "-" + workerId + ".log");
        Process process =
                new ProcessBuilder(command).redirectError(log.toFile()).start();
        Thread output = new Thread(() -> readHandled(process, onHandled), "kcl-worker-" + workerId + "-output");
        output.setDaemon(true);
        output.start();
        return new Launched(process, log, output);
    }

    /** The {@code HANDLED} lines {@link #main} prints, until the process's output ends. */
    private static void readHandled(Process process, Consumer<Delivered> onHandled) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] parts = line.split(" ");
                if (parts.length == 5 && parts[0].equals("HANDLED")) {
                    onHandled.accept(new Delivered(parts[1], parts[2], parts[3], Integer.parseInt(parts[4])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        Region region = Region.of(args[1]);
        long pauseMillis = Long.parseLong(args[10]);
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .build();
        DynamoDbStreamsAsyncClient streams = DynamoDbStreamsAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .build();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        KclCdcWorker worker = KclCdcWorker.builder()
                .tableName(args[2])
                .applicationName(args[3])
                .workerId(args[4])
                .client(client)
                .streamsClient(streams)
                .workerMetrics(false)
                .leaseDuration(Duration.ofMillis(Long.parseLong(args[5])))
                .leaderLeaseDuration(Duration.ofMillis(Long.parseLong(args[6])))
                .leaseAssignmentInterval(Duration.ofMillis(Long.parseLong(args[7])))
                .pollInterval(Duration.ofMillis(Long.parseLong(args[8])))
                .maxBatchSize(Integer.parseInt(args[9]))
                .handler(change -> {
                    Delivered delivered = Delivered.of(change);
                    synchronized (out) {
                        out.println("HANDLED " + delivered.shardId() + " " + delivered.sequenceNumber() + " "
                                + delivered.key() + " " + delivered.version());
                    }
                    Thread.sleep(pauseMillis);
                })
                .build();
        worker.start();
        worker.termination().exceptionally(e -> null).join();
    }
}
