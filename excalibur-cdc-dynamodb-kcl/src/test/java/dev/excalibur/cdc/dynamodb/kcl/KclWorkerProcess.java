package dev.excalibur.cdc.dynamodb.kcl;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A KCL worker in a JVM of its own, for the crash test: it runs a {@link KclCdcWorker} on DynamoDB
 * Local in server mode and prints one line per handled change to standard output
 * ({@code HANDLED shardId sequenceNumber pk version}), flushed before the handler returns, so a
 * line means the change was handled. It never stops by itself: the test ends it with
 * {@code kill -9}, and no shutdown of any kind runs.
 *
 * <p>Arguments: endpoint, application name, table, worker id, lease duration (ms), poll interval
 * (ms), batch size, handler pause per change (ms).
 */
public final class KclWorkerProcess {

    private KclWorkerProcess() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String application = args[1];
        String table = args[2];
        String workerId = args[3];
        Duration lease = Duration.ofMillis(Long.parseLong(args[4]));
        Duration poll = Duration.ofMillis(Long.parseLong(args[5]));
        int batchSize = Integer.parseInt(args[6]);
        long pauseMillis = Long.parseLong(args[7]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        DynamoDbAsyncClient client = DynamoDbAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials).build();
        DynamoDbStreamsAsyncClient streams = DynamoDbStreamsAsyncClient.builder().endpointOverride(endpoint)
                .region(Region.US_EAST_1).credentialsProvider(credentials).build();
        KclCdcWorker worker = KclCdcWorker.builder().applicationName(application).tableName(table).client(client)
                .streamsClient(streams).workerId(workerId).workerMetrics(false).leaseDuration(lease).pollInterval(poll)
                .maxBatchSize(batchSize)
                .handler(change -> {
                    synchronized (out) {
                        out.println("HANDLED " + change.shardId() + " " + change.sequenceNumber() + " "
                                + change.keys().get("pk").s() + " " + change.newImage().get("v").n());
                    }
                    Thread.sleep(pauseMillis);
                })
                .build();
        worker.start();
        out.println("STARTED " + workerId);
        worker.termination().join();
    }
}
