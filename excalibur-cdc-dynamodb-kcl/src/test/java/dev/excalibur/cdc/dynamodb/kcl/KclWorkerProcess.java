package dev.excalibur.cdc.dynamodb.kcl;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

/**
 * One KCL worker in a JVM of its own, for {@link KclFailoverTest} to kill: arguments endpoint,
 * region, table, application, worker id, then lease duration, leader lease duration, lease
 * assignment interval and poll interval in milliseconds. Prints {@code CHANGE key version} for
 * each change it handles (a put whose new image has a number {@code v}), until it is killed.
 */
public final class KclWorkerProcess {

    private KclWorkerProcess() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        Region region = Region.of(args[1]);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        DynamoDbAsyncClient client = DynamoDbAsyncClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).build();
        DynamoDbStreamsAsyncClient streams = DynamoDbStreamsAsyncClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(credentials).build();
        PrintStream out = System.out;
        KclCdcWorker worker = KclCdcWorker.builder().tableName(args[2]).applicationName(args[3]).workerId(args[4])
                .client(client).streamsClient(streams).workerMetrics(false)
                .leaseDuration(Duration.ofMillis(Long.parseLong(args[5])))
                .leaderLeaseDuration(Duration.ofMillis(Long.parseLong(args[6])))
                .leaseAssignmentInterval(Duration.ofMillis(Long.parseLong(args[7])))
                .pollInterval(Duration.ofMillis(Long.parseLong(args[8])))
                .handler(change -> {
                    synchronized (out) {
                        out.println("CHANGE " + change.keys().get("pk").s() + " " + change.newImage().get("v").n());
                        out.flush();
                    }
                })
                .build();
        worker.start();
        worker.termination().exceptionally(e -> null).join();
    }
}
