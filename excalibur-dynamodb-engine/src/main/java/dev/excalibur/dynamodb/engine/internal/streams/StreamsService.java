package dev.excalibur.dynamodb.engine.internal.streams;

import static dev.excalibur.dynamodb.engine.internal.values.EngineErrors.validation;

import dev.excalibur.dynamodb.engine.internal.tables.Table;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.SequenceNumberRange;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB Streams API over the engine's {@link ChangeStreams}: ListStreams, DescribeStream, GetShardIterator and
 * GetRecords, on the SDK's model types (the transport routes {@code DynamoDBStreams_20120810.*} here).
 *
 * <ul>
 *   <li>Listings page at 100 (ListStreams, DescribeStream) by default and at most; parents come before children.</li>
 *   <li>An iterator expires {@value #ITERATOR_MINUTES} minutes of engine time after it was issued, and at every
 *       dilation of event times; {@code GetRecords} issues a fresh one as {@code NextShardIterator}, null only once
 *       a closed shard is read to its end.</li>
 *   <li>{@code TRIM_HORIZON} starts at the oldest untrimmed record when the iterator is used, so it never meets
 *       trimmed data; a position at or before a trimmed record is {@code TrimmedDataAccessException}.</li>
 *   <li>{@code GetRecords} returns at most 1,000 records ({@code Limit}) and at most 1 MB of record sizes (at least
 *       one record), and reads under the table's read lock, so a transaction's records appear together.</li>
 * </ul>
 * Thread-safe. Internal to the engine.
 */
public final class StreamsService implements DynamoDbStreamsClient {

    static final int ITERATOR_MINUTES = 15;
    private static final Duration ITERATOR_LIFETIME = Duration.ofMinutes(ITERATOR_MINUTES);
    private static final int PAGE = 100;
    private static final int RECORDS_LIMIT = 1000;
    private static final long PAGE_BYTES = 1024 * 1024;
    private static final Pattern STREAM_ARN = Pattern.compile(
            "arn:aws[^:]*:dynamodb:[-a-z0-9]+:[0-9]{12}:table/[a-zA-Z0-9_.-]{3,255}/stream/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}");
    private static final Pattern SEQUENCE_NUMBER = Pattern.compile("[0-9]{21,40}");
    private static final Identity TIME_TO_LIVE = Identity.builder()
            .type("Service")
            .principalId("dynamodb.amazonaws.com")
            .build();

    private final ChangeStreams streams;

    public StreamsService(ChangeStreams streams) {
        this.streams = Objects.requireNonNull(streams, "streams");
    }

    @Override
    public String serviceName() {
        return DynamoDbStreamsClient.SERVICE_NAME;
    }

    @Override
    public void close() {}

    // ---------------------------------------------------------------- ListStreams

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        int limit = limit(request.limit(), PAGE, "limit");
        String start = request.exclusiveStartStreamArn() == null ? null : streamArn(request.exclusiveStartStreamArn());
        synchronized (streams) {
            streams.maintain();
            List<ChangeStream> listed = streams.streams().stream()
                    .filter(stream -> request.tableName() == null || stream.tableName.equals(request.tableName()))
                    .toList();
            int from = 0;
            if (start != null) {
                ChangeStream after = streams.stream(start);
                if (after == null) {
                    // Documentation is silent on an ExclusiveStartStreamArn of no stream: the engine answers as for
                    // DescribeStream.
                    throw StreamErrors.streamNotFound(start);
                }
                from = (int) listed.stream()
                        .filter(stream -> stream.ordinal <= after.ordinal)
                        .count();
            }
            List<ChangeStream> page = listed.subList(from, Math.min(listed.size(), from + limit));
            ListStreamsResponse.Builder response = ListStreamsResponse.builder()
                    .streams(page.stream()
                            .map(stream -> Stream.builder()
                                    .streamArn(stream.arn)
                                    .tableName(stream.tableName)
                                    .streamLabel(stream.label)
                                    .build())
                            .toList());
            if (from + page.size() < listed.size()) {
                response.lastEvaluatedStreamArn(page.get(page.size() - 1).arn);
            }
            return response.build();
        }
    }

    // ---------------------------------------------------------------- DescribeStream

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        String arn = streamArn(request.streamArn());
        int limit = limit(request.limit(), PAGE, "limit");
        String parent = null;
        if (request.shardFilter() != null) {
            if (request.exclusiveStartShardId() != null) {
                // Documentation is silent on combining the two; the engine refuses it with DynamoDB Local's wording.
                throw validation("ShardFilter and ExclusiveStartShardId both should not be specified in the request.");
            }
            if (request.shardFilter().type() != ShardFilterType.CHILD_SHARDS) {
                throw validation(
                        "1 validation error detected: Value '"
                                + request.shardFilter().typeAsString()
                                + "' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]");
            }
            parent = request.shardFilter().shardId();
            if (parent == null) {
                // Documentation is silent on the wording: the filter names the parent whose children it lists.
                throw validation("ShardFilter of type CHILD_SHARDS requires a ShardId");
            }
            shardId(parent, "shardFilter.shardId");
        }
        if (request.exclusiveStartShardId() != null) {
            shardId(request.exclusiveStartShardId(), "exclusiveStartShardId");
        }
        synchronized (streams) {
            streams.maintain();
            ChangeStream stream = existing(arn);
            List<StreamShard> listed = stream.visibleShards();
            if (parent != null) {
                String parentId = parent;
                listed = listed.stream()
                        .filter(shard -> parentId.equals(shard.parentId))
                        .toList();
            }
            int from = 0;
            if (request.exclusiveStartShardId() != null) {
                StreamShard after = stream.shard(request.exclusiveStartShardId());
                if (after == null) {
                    // Documentation is silent on an ExclusiveStartShardId the stream never had.
                    throw StreamErrors.shardNotFound();
                }
                int position = stream.shards.indexOf(after);
                from = (int) listed.stream()
                        .filter(shard -> stream.shards.indexOf(shard) <= position)
                        .count();
            }
            List<StreamShard> page = listed.subList(from, Math.min(listed.size(), from + limit));
            StreamDescription.Builder description = StreamDescription.builder()
                    .streamArn(stream.arn)
                    .streamLabel(stream.label)
                    .streamStatus(stream.status())
                    .streamViewType(stream.viewType)
                    .creationRequestDateTime(streams.effective(stream.created))
                    .tableName(stream.tableName)
                    .keySchema(stream.keySchema)
                    .shards(page.stream().map(StreamsService::shard).toList());
            if (from + page.size() < listed.size()) {
                description.lastEvaluatedShardId(page.get(page.size() - 1).id);
            }
            return DescribeStreamResponse.builder()
                    .streamDescription(description.build())
                    .build();
        }
    }

    private static Shard shard(StreamShard shard) {
        SequenceNumberRange.Builder range =
                SequenceNumberRange.builder().startingSequenceNumber(ChangeStreams.sequenceNumber(shard.start));
        if (!shard.open()) {
            range.endingSequenceNumber(ChangeStreams.sequenceNumber(shard.end()));
        }
        return Shard.builder()
                .shardId(shard.id)
                .parentShardId(shard.parentId)
                .sequenceNumberRange(range.build())
                .build();
    }

    // ---------------------------------------------------------------- GetShardIterator

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        String arn = streamArn(request.streamArn());
        if (request.shardId() == null) {
            throw validation(notNull("shardId"));
        }
        shardId(request.shardId(), "shardId");
        ShardIteratorType type = request.shardIteratorType();
        if (type == null) {
            throw validation(notNull("shardIteratorType"));
        }
        if (type == ShardIteratorType.UNKNOWN_TO_SDK_VERSION) {
            throw validation(
                    "1 validation error detected: Value '" + request.shardIteratorTypeAsString()
                            + "' at 'shardIteratorType' failed to satisfy "
                            + "constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]");
        }
        boolean positioned =
                type == ShardIteratorType.AT_SEQUENCE_NUMBER || type == ShardIteratorType.AFTER_SEQUENCE_NUMBER;
        String sequenceNumber = request.sequenceNumber();
        // Documentation is silent on the wording of the next two checks; the engine uses DynamoDB Local's.
        if (positioned && sequenceNumber == null) {
            throw validation("SequenceNumber must be provided for this iterator type");
        }
        if (!positioned && sequenceNumber != null) {
            throw validation("SequenceNumber should not be passed for this iterator type");
        }
        synchronized (streams) {
            streams.maintain();
            ChangeStream stream = existing(arn);
            StreamShard shard = stream.shard(request.shardId());
            if (shard == null || shard.gone()) {
                throw StreamErrors.shardNotFound();
            }
            long from = switch (type) {
                case TRIM_HORIZON -> ShardIterators.TRIM_HORIZON;
                case LATEST -> shard.lastSequence() + 1;
                default -> {
                    long sequence = SEQUENCE_NUMBER.matcher(sequenceNumber).matches()
                            ? ChangeStreams.sequence(sequenceNumber)
                            : -1;
                    if (sequence < shard.start || (!shard.open() && sequence > shard.end())) {
                        throw validation("Invalid SequenceNumber for the shard");
                    }
                    // the service's documented rule: "You request a shard iterator with a sequence number older than
                    // the trim point" is a TrimmedDataAccessException, also for AFTER_SEQUENCE_NUMBER of the last
                    // trimmed record (nothing after it may be lost, but the position itself has left the stream)
                    if (sequence <= shard.lastTrimmed()) {
                        throw StreamErrors.trimmed();
                    }
                    yield type == ShardIteratorType.AT_SEQUENCE_NUMBER ? sequence : sequence + 1;
                }
            };
            return GetShardIteratorResponse.builder()
                    .shardIterator(ShardIterators.encode(
                            new ShardIterators.Position(arn, shard.id, from, streams.now(), streams.dilations())))
                    .build();
        }
    }

    // ---------------------------------------------------------------- GetRecords

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        if (request.shardIterator() == null) {
            throw validation(notNull("shardIterator"));
        }
        int limit = limit(request.limit(), RECORDS_LIMIT, "limit");
        ShardIterators.Position position = ShardIterators.decode(request.shardIterator());
        Table table;
        synchronized (streams) {
            table = existing(position.streamArn()).table;
        }
        table.lock().readLock().lock();
        try {
            synchronized (streams) {
                streams.maintain();
                ChangeStream stream = existing(position.streamArn());
                StreamShard shard = stream.shard(position.shardId());
                if (shard == null || shard.gone()) {
                    throw StreamErrors.shardNotFound();
                }
                if (position.dilations() != streams.dilations()
                        || streams.now().isAfter(position.issued().plus(ITERATOR_LIFETIME))) {
                    throw StreamErrors.expiredIterator();
                }
                long from = position.from();
                // Documentation is silent on when a TRIM_HORIZON iterator finds its record: the engine resolves it at
                // use,
                // so records trimmed between GetShardIterator and GetRecords never make it fail.
                if (from == ShardIterators.TRIM_HORIZON) {
                    from = Math.max(shard.start, shard.lastTrimmed()) + 1;
                } else if (from <= shard.lastTrimmed()) {
                    throw StreamErrors.trimmed();
                }
                List<StoredRecord> page = shard.read(from, limit, PAGE_BYTES);
                long next = page.isEmpty() ? from : page.get(page.size() - 1).sequence() + 1;
                List<Record> records = new ArrayList<>(page.size());
                for (StoredRecord record : page) {
                    records.add(record(stream, record));
                }
                GetRecordsResponse.Builder response =
                        GetRecordsResponse.builder().records(records);
                // Documentation is silent on whether the page holding a closed shard's last record already ends it: it
                // does.
                if (shard.open() || next <= shard.end()) {
                    response.nextShardIterator(ShardIterators.encode(new ShardIterators.Position(
                            stream.arn, shard.id, next, streams.now(), streams.dilations())));
                }
                return response.build();
            }
        } finally {
            table.lock().readLock().unlock();
        }
    }

    private Record record(ChangeStream stream, StoredRecord stored) {
        StreamRecord.Builder data = StreamRecord.builder()
                .approximateCreationDateTime(streams.effective(stored.written()).truncatedTo(ChronoUnit.SECONDS))
                .keys(stored.keys())
                .sequenceNumber(ChangeStreams.sequenceNumber(stored.sequence()))
                .sizeBytes(stored.sizeBytes())
                .streamViewType(stream.viewType);
        if (stored.newImage() != null) {
            data.newImage(stored.newImage());
        }
        if (stored.oldImage() != null) {
            data.oldImage(stored.oldImage());
        }
        return Record.builder()
                .eventID(stored.eventId())
                .eventName(stored.eventName())
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion(streams.region())
                .dynamodb(data.build())
                .userIdentity(stored.byService() ? TIME_TO_LIVE : null)
                .build();
    }

    // ---------------------------------------------------------------- checks

    private ChangeStream existing(String arn) {
        ChangeStream stream = streams.stream(arn);
        if (stream == null) {
            throw StreamErrors.streamNotFound(arn);
        }
        return stream;
    }

    private static String streamArn(String arn) {
        if (arn == null) {
            throw validation(notNull("streamArn"));
        }
        if (arn.length() < 37 || arn.length() > 1024) {
            throw validation("1 validation error detected: Value '" + arn
                    + "' at 'streamArn' failed to satisfy constraint: Member must have length "
                    + (arn.length() < 37 ? "greater than or equal to 37" : "less than or equal to 1024"));
        }
        if (!STREAM_ARN.matcher(arn).matches()) {
            // Documentation is silent on the wording for a string that is not a stream ARN.
            throw validation("Invalid StreamArn");
        }
        return arn;
    }

    /** A shard id has 28 to 65 characters (the API model's constraint). */
    private static void shardId(String shardId, String member) {
        if (shardId.length() < 28 || shardId.length() > 65) {
            throw validation("1 validation error detected: Value '" + shardId + "' at '" + member
                    + "' failed to satisfy constraint: Member must have length "
                    + (shardId.length() < 28 ? "greater than or equal to 28" : "less than or equal to 65"));
        }
    }

    private static int limit(Integer limit, int maximum, String member) {
        if (limit == null) {
            return maximum;
        }
        if (limit < 1 || limit > maximum) {
            throw validation("1 validation error detected: Value '" + limit + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value "
                    + (limit < 1 ? "greater than or equal to 1" : "less than or equal to " + maximum));
        }
        return limit;
    }

    private static String notNull(String member) {
        return "1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null";
    }
}
