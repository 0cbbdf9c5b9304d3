package dev.excalibur.dynamodb.streams.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.dynamodb.internal.RetryPolicy;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.streams.StalePositionException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Reads one shard in order, batch by batch. An expired iterator is re-acquired right after the
 * last record returned; a throttled or failing read is retried and, if it still fails, reported
 * as an empty batch (the position is kept); a position whose records are gone throws
 * {@link StalePositionException}. Not thread-safe: one reader per thread.
 */
@InternalApi
public final class ShardReader {

    private static final Logger LOG = LoggerFactory.getLogger(ShardReader.class);

    private final StreamSource source;
    private StreamShard shard;
    private final int batchSize;
    private String iterator;
    private String lastSequenceNumber;
    private Instant skipBefore;
    private boolean atLatest;
    private boolean finished;

    ShardReader(StreamSource source, StreamShard shard, ShardCheckpoint from, boolean atLatest, int batchSize) {
        this.source = source;
        this.shard = shard;
        this.batchSize = batchSize;
        this.lastSequenceNumber = from.sequenceNumber();
        this.finished = from.finished();
        this.atLatest = atLatest && from.sequenceNumber() == null;
        this.skipBefore = from.sequenceNumber() != null
                ? null
                : this.atLatest && from.skipBefore() == null ? Instant.now() : from.skipBefore();
    }

    /** The shard read. */
    public StreamShard shard() {
        return shard;
    }

    /** True once the shard is closed and every record was returned. */
    public boolean finished() {
        return finished;
    }

    /** Where this reader stands: after the last record returned, or finished. */
    public ShardCheckpoint checkpoint() {
        ShardCheckpoint position =
                new ShardCheckpoint(lastSequenceNumber, false, lastSequenceNumber == null ? skipBefore : null);
        return finished ? position.toFinished() : position;
    }

    /**
     * The next records of the shard, oldest first; empty when none are there yet (or the shard
     * is finished, see {@link #finished()}).
     *
     * @throws StalePositionException if the records after the position were trimmed or the
     *         shard is gone
     * @throws java.util.concurrent.CancellationException if the thread is interrupted
     */
    public List<Record> read() {
        for (int attempt = 0; attempt < 2 && !finished; attempt++) {
            if (iterator == null && !acquire()) {
                return List.of();
            }
            GetRecordsResponse response;
            try {
                response = source.records(iterator, batchSize);
            } catch (ExpiredIteratorException e) {
                LOG.debug("shard {}: iterator expired, re-acquiring after {}", shard.id(), lastSequenceNumber);
                iterator = null;
                atLatest = false;
                continue;
            } catch (TrimmedDataAccessException e) {
                iterator = null;
                trimmed(e);
                return List.of();
            } catch (ResourceNotFoundException e) {
                // the service handed out an iterator, then found the shard gone (past the retention)
                iterator = null;
                gone(e);
                return List.of();
            } catch (RuntimeException e) {
                if (!RetryPolicy.isRetryable(e)) {
                    throw e;
                }
                LOG.warn("shard {}: reading failed after retries, trying again later: {}", shard.id(), e.toString());
                return List.of();
            }
            iterator = response.nextShardIterator();
            if (iterator == null) {
                finished = true;
            }
            return keep(response.records());
        }
        return List.of();
    }

    private List<Record> keep(List<Record> records) {
        List<Record> kept = records;
        if (skipBefore != null && !records.isEmpty()) {
            kept = new ArrayList<>(records.size());
            for (Record record : records) {
                Instant created = record.dynamodb().approximateCreationDateTime();
                if (!kept.isEmpty() || created == null || !created.isBefore(threshold(created))) {
                    kept.add(record);
                }
            }
            if (!kept.isEmpty()) {
                skipBefore = null;
            }
        }
        if (!kept.isEmpty()) {
            lastSequenceNumber = kept.get(kept.size() - 1).dynamodb().sequenceNumber();
        }
        return kept;
    }

    /**
     * The skip time at the precision of a record's creation time: DynamoDB rounds it down to the
     * second, DynamoDB Local to the minute. A time on a whole minute is compared by the minute, so
     * a record is skipped only when it is surely older (at worst a record is delivered, never lost).
     */
    private Instant threshold(Instant created) {
        boolean wholeMinute = created.getNano() == 0 && created.getEpochSecond() % 60 == 0;
        return skipBefore.truncatedTo(wholeMinute ? ChronoUnit.MINUTES : ChronoUnit.SECONDS);
    }

    private boolean acquire() {
        try {
            if (lastSequenceNumber != null) {
                iterator = source.shardIterator(b -> b.shardId(shard.id())
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(lastSequenceNumber));
            } else {
                ShardIteratorType type = atLatest ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
                iterator = source.shardIterator(b -> b.shardId(shard.id()).shardIteratorType(type));
            }
        } catch (TrimmedDataAccessException e) {
            trimmed(e);
        } catch (ResourceNotFoundException e) {
            gone(e);
        } catch (RuntimeException e) {
            if (!RetryPolicy.isRetryable(e)) {
                throw e;
            }
            LOG.warn(
                    "shard {}: getting an iterator failed after retries, trying again later: {}",
                    shard.id(),
                    e.toString());
        }
        return iterator != null;
    }

    /** The shard is gone: stale for a position; nothing left to read for a shard read from its start. */
    private void gone(ResourceNotFoundException e) {
        if (lastSequenceNumber != null) {
            throw new StalePositionException(
                    source.streamArn(), shard.id(), lastSequenceNumber, "the shard is gone", e);
        }
        LOG.warn("shard {}: gone from the stream before any of it was read", shard.id());
        finished = true;
    }

    /**
     * Records are gone: stale for a position. Read from its start, a closed shard has nothing left;
     * the shard is looked up again first, since it may have closed after this reader was made (a
     * reader reset at run time holds the listing of its first start).
     */
    private void trimmed(TrimmedDataAccessException e) {
        if (lastSequenceNumber != null) {
            throw new StalePositionException(
                    source.streamArn(),
                    shard.id(),
                    lastSequenceNumber,
                    "the records after it are older than the stream's retention",
                    e);
        }
        if (!shard.closed()) {
            shard = source.shards().stream()
                    .filter(listed -> listed.id().equals(shard.id()))
                    .findFirst()
                    .orElseGet(() -> new StreamShard(shard.id(), shard.parentId(), true));
        }
        if (shard.closed()) {
            finished = true;
        }
    }
}
