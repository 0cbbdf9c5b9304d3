package dev.excalibur.cdc.dynamodb;

import dev.excalibur.cdc.dynamodb.internal.CdcRunnerSettings;
import dev.excalibur.data.InternalApi;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;

/**
 * The settings every CDC runner shares, with the same names and meaning in each: the stream and
 * the clients it is read with, the handler and what happens when it fails, the batch size,
 * polling, leases and where a reader without a checkpoint starts. The in-process processor's builder and the KCL worker's builder extend it.
 *
 * @param <B> the runner's builder
 */
public abstract class CdcRunnerBuilder<B extends CdcRunnerBuilder<B>> {

    private @Nullable String tableName;
    private @Nullable String streamArn;
    private @Nullable DynamoDbAsyncClient client;
    private @Nullable DynamoDbStreamsAsyncClient streamsClient;
    private @Nullable CdcHandler handler;
    private @Nullable CdcBatchHandler batchHandler;
    private @Nullable CdcDeadLetterHandler deadLetterHandler;
    private int handlerAttempts = 3;
    private Duration handlerRetryDelay = Duration.ofSeconds(1);
    private int maxBatchSize;
    private Duration pollInterval = Duration.ofSeconds(1);
    private Duration leaseDuration;
    private CdcStartPosition startPosition = CdcStartPosition.TRIM_HORIZON;
    private @Nullable String workerId;
    private @Nullable MeterRegistry meterRegistry;
    private @Nullable DocumentDecoder documentDecoder;

    /** A builder with the runner's own defaults for the batch size and the lease duration. */
    protected CdcRunnerBuilder(int maxBatchSize, Duration leaseDuration) {
        this.maxBatchSize = maxBatchSize;
        this.leaseDuration = leaseDuration;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The table whose current stream is read (looked up with {@link #client} at start); or give {@link #streamArn}. */
    public B tableName(String tableName) {
        this.tableName = tableName;
        return self();
    }

    /** The stream to read; wins over {@link #tableName}. */
    public B streamArn(String streamArn) {
        this.streamArn = streamArn;
        return self();
    }

    /** The DynamoDB client (the caller's; never closed here). */
    public B client(DynamoDbAsyncClient client) {
        this.client = client;
        return self();
    }

    /** The DynamoDB Streams client the stream is read with (the caller's; never closed here). Required. */
    public B streamsClient(DynamoDbStreamsAsyncClient streamsClient) {
        this.streamsClient = streamsClient;
        return self();
    }

    /** The per-change handler (called from several threads, one per shard); or give {@link #batchHandler}. */
    public B handler(CdcHandler handler) {
        this.handler = handler;
        return self();
    }

    /** The per-batch handler (the changes of one read of one shard, in order); or give {@link #handler}. */
    public B batchHandler(CdcBatchHandler batchHandler) {
        this.batchHandler = batchHandler;
        return self();
    }

    /** Takes what the handler gave up on, so processing goes on; default none (the runner stops before it). */
    public B deadLetterHandler(CdcDeadLetterHandler deadLetterHandler) {
        this.deadLetterHandler = deadLetterHandler;
        return self();
    }

    /** Handler calls per change (or batch) before giving up, at least 1; default 3. */
    public B handlerAttempts(int handlerAttempts) {
        this.handlerAttempts = handlerAttempts;
        return self();
    }

    /** Wait before the second handler attempt, doubled for each further one; default 1 s. */
    public B handlerRetryDelay(Duration handlerRetryDelay) {
        this.handlerRetryDelay = handlerRetryDelay;
        return self();
    }

    /** Most records per read of a shard, 1 to 1000 (DynamoDB Streams' limit). */
    public B maxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
        return self();
    }

    /** Wait after a read of a shard that found nothing; default 1 s. */
    public B pollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
        return self();
    }

    /**
     * How long a lease lasts unless renewed: a crashed instance's shards can be taken this long after
     * its last renewal (a KCL fleet adds its leader's part; see the KCL worker's builder).
     */
    public B leaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
        return self();
    }

    /** Where a reader without any checkpoint starts; default {@link CdcStartPosition#TRIM_HORIZON}. */
    public B startPosition(CdcStartPosition startPosition) {
        this.startPosition = startPosition;
        return self();
    }

    /** This instance's lease owner id, unique among the instances; default a random UUID. */
    public B workerId(String workerId) {
        this.workerId = workerId;
        return self();
    }

    /**
     * Where to report records, batches, handler failures, checkpoint writes (and, for the
     * processor, resets) as {@code excalibur.cdc.*} counters, and the lag gauge per shard, tagged
     * with the runner's name; default none.
     */
    public B meterRegistry(MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
        return self();
    }

    /**
     * What {@link CdcChange#newDocument(Class)} and {@link CdcChange#oldDocument(Class)} decode item
     * images with, e.g. {@code provider.documentCodec()::fromItem}; default none (they then throw).
     */
    public B documentDecoder(DocumentDecoder documentDecoder) {
        this.documentDecoder = documentDecoder;
        return self();
    }

    /**
     * Adds a line to {@code problems} for each shared setting that is missing or out of range; the
     * runner's {@code build()} then refuses them, with its own, in one {@link dev.excalibur.data.InvalidOptionsException}.
     */
    protected void checkShared(List<String> problems) {
        boolean hasStream = streamArn != null && !streamArn.isBlank();
        if (!hasStream && (tableName == null || tableName.isBlank())) {
            problems.add("tableName or streamArn is required");
        }
        if (streamsClient == null) {
            problems.add("streamsClient is required");
        }
        if ((handler == null) == (batchHandler == null)) {
            problems.add("exactly one of handler and batchHandler is required");
        }
        if (handlerAttempts < 1) {
            problems.add("handlerAttempts must be at least 1 but was " + handlerAttempts);
        }
        if (handlerRetryDelay == null || handlerRetryDelay.isNegative()) {
            problems.add("handlerRetryDelay must not be negative but was " + handlerRetryDelay);
        }
        if (maxBatchSize < 1 || maxBatchSize > 1000) {
            problems.add("maxBatchSize must be between 1 and 1000 but was " + maxBatchSize);
        }
        positive(problems, "pollInterval", pollInterval);
        positive(problems, "leaseDuration", leaseDuration);
        if (startPosition == null) {
            problems.add("startPosition must not be null");
        }
        if (workerId != null && workerId.isBlank()) {
            problems.add("workerId must not be blank");
        }
    }

    /** Adds a line to {@code problems} unless {@code value} is a positive duration. */
    protected static void positive(List<String> problems, String name, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(name + " must be positive but was " + value);
        }
    }

    /**
     * The shared settings as they are now, for the runner being built (a runner keeps this
     * immutable copy, so its builder can be reused); call after {@link #checkShared} found no problem.
     */
    @InternalApi
    protected final CdcRunnerSettings shared() {
        return new CdcRunnerSettings(
                tableName,
                streamArn,
                client,
                streamsClient,
                handler,
                batchHandler,
                deadLetterHandler,
                handlerAttempts,
                handlerRetryDelay,
                maxBatchSize,
                pollInterval,
                leaseDuration,
                startPosition,
                workerId == null ? UUID.randomUUID().toString() : workerId,
                meterRegistry,
                documentDecoder);
    }
}
