package dev.excalibur.cdc.dynamodb.kcl;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.DocumentDecoder;
import dev.excalibur.cdc.dynamodb.internal.CdcChanges;
import dev.excalibur.cdc.dynamodb.internal.CdcDelivery;
import dev.excalibur.cdc.dynamodb.internal.CdcMetrics;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * One shard under KCL: converts each batch to {@link CdcChange}s, delivers them, then checkpoints
 * after the last handled record. After a failure that stops the worker it handles nothing more
 * and never checkpoints past the failed record (not even at shard end); once shutdown is
 * requested it checkpoints what it handled and hands nothing more to the handler, so the worker
 * taking over the lease starts right after it.
 */
final class CdcRecordProcessor implements DynamoDBStreamsShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(CdcRecordProcessor.class);
    private static final int CHECKPOINT_ATTEMPTS = 3;

    private final CdcDelivery delivery;
    private final @Nullable DocumentDecoder decoder;
    private final CdcMetrics metrics;
    private final BooleanSupplier stopping;
    private final Consumer<RuntimeException> onFailure;
    private String shardId;
    private @Nullable String handledUpTo;
    private boolean failed;
    private volatile boolean shuttingDown;

    CdcRecordProcessor(
            CdcDelivery delivery,
            @Nullable DocumentDecoder decoder,
            CdcMetrics metrics,
            BooleanSupplier stopping,
            Consumer<RuntimeException> onFailure) {
        this.delivery = delivery;
        this.decoder = decoder;
        this.metrics = metrics;
        this.stopping = stopping;
        this.onFailure = onFailure;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
    }

    @Override
    public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
        if (failed || shuttingDown) {
            return;
        }
        if (input.records().isEmpty()) {
            metrics.caughtUp(shardId);
            return;
        }
        List<Record> records = input.records().stream()
                .map(DynamoDBStreamsClientRecord::getRecord)
                .toList();
        List<CdcChange> changes = CdcChanges.fromRecords(shardId, records, decoder);
        CdcDelivery.Outcome outcome = delivery.deliver(shardId, changes, () -> shuttingDown || stopping.getAsBoolean());
        if (outcome.handled() == changes.size()) {
            handledUpTo = records.get(records.size() - 1).dynamodb().sequenceNumber();
        } else {
            failed = true;
            if (outcome.handled() > 0) {
                handledUpTo = changes.get(outcome.handled() - 1).sequenceNumber();
            }
        }
        if (handledUpTo != null) {
            checkpoint(input.checkpointer(), handledUpTo);
        }
        if (outcome.failure() != null) {
            onFailure.accept(outcome.failure());
        }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        metrics.released(shardId);
        LOG.debug("lease of shard {} lost; another worker continues from its last checkpoint", shardId);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        metrics.released(shardId);
        if (!failed) {
            checkpoint(input.checkpointer(), null);
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        shuttingDown = true;
        metrics.released(shardId);
        if (handledUpTo != null) {
            checkpoint(input.checkpointer(), handledUpTo);
        }
    }

    /** Checkpoints at the sequence number (null: shard end), retrying throttling; a lost lease ends it quietly. */
    private void checkpoint(RecordProcessorCheckpointer checkpointer, @Nullable String sequenceNumber) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (sequenceNumber == null) {
                    checkpointer.checkpoint();
                } else {
                    checkpointer.checkpoint(sequenceNumber);
                }
                metrics.checkpointed();
                return;
            } catch (ShutdownException e) {
                LOG.debug("no checkpoint for shard {}: its lease is lost", shardId);
                return;
            } catch (ThrottlingException | KinesisClientLibDependencyException e) {
                if (attempt == CHECKPOINT_ATTEMPTS) {
                    LOG.warn(
                            "checkpoint of shard {} at {} failed {} times: {}",
                            shardId,
                            sequenceNumber == null ? "its end" : sequenceNumber,
                            attempt,
                            e.toString());
                    return;
                }
                try {
                    Thread.sleep(100L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (InvalidStateException e) {
                LOG.error("checkpoint of shard {} at {} failed: {}", shardId, sequenceNumber, e.toString());
                return;
            }
        }
    }
}
