package dev.excalibur.cdc.dynamodb.kcl;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * <p>Arguments: endpoint, region, table, application, worker id, then in milliseconds the lease
 * duration, the leader lease duration, the lease assignment interval and the poll interval, then the
 * batch size and a pause per change (ms).
 */
public final class KclWorkerProcess {

    private KclWorkerProcess() {}

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
                    synchronized (out) {
                        out.println("HANDLED " + change.shardId() + " " + change.sequenceNumber() + " "
                                + change.keys().get("pk").s() + " "
                                + change.newImage().get("v").n());
                    }
                    Thread.sleep(pauseMillis);
                })
                .build();
        worker.start();
        worker.termination().exceptionally(e -> null).join();
    }
}
