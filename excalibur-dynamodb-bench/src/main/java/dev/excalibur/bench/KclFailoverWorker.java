package dev.excalibur.bench;

import dev.excalibur.cdc.dynamodb.kcl.KclCdcWorker;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * One {@code KclCdcWorker} in a JVM of its own, for {@link CdcFleetBenchmark}'s failover run to
 * kill: arguments endpoint, region, table, application, worker id and, optionally, lease duration,
 * leader lease duration and lease assignment interval in milliseconds (else the builder's
 * defaults). Prints {@code CHANGE} for each change it handles, until it is killed.
 */
public final class KclFailoverWorker {

    private KclFailoverWorker() {}

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        Region region = Region.of(args[1]);
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
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
        PrintStream out = System.out;
        KclCdcWorker.Builder builder = KclCdcWorker.builder()
                .tableName(args[2])
                .applicationName(args[3])
                .workerId(args[4])
                .client(client)
                .streamsClient(streams)
                .workerMetrics(false)
                .pollInterval(Duration.ofMillis(200))
                .handler(change -> {
                    synchronized (out) {
                        out.println("CHANGE");
                        out.flush();
                    }
                });
        if (args.length > 5) {
            builder.leaseDuration(Duration.ofMillis(Long.parseLong(args[5])))
                    .leaderLeaseDuration(Duration.ofMillis(Long.parseLong(args[6])))
                    .leaseAssignmentInterval(Duration.ofMillis(Long.parseLong(args[7])));
        }
        KclCdcWorker worker = builder.build();
        worker.start();
        worker.termination().exceptionally(e -> null).join();
    }
}
