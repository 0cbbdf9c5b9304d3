package dev.excalibur.dynamodb.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Test support for the Streams tests: a private engine on a fixed clock (moved with {@link DynamoDbEngine#advance}),
 * region eu-west-1, account 111122223333; tables keyed by string {@code pk} with a stream; short readers of a
 * stream's shards and records through the engine's Streams client. Registered with {@code @RegisterExtension}, it
 * closes its engine after each test.
 */
final class StreamFixture implements AutoCloseable, AfterEachCallback {

    static final Instant START = Instant.parse("2026-12-06T12:00:00.123Z");

    final DynamoDbEngine engine;
    final DynamoDbClient client;
    final DynamoDbStreamsClient streams;

    StreamFixture() {
        this(builder -> builder);
    }

    StreamFixture(UnaryOperator<DynamoDbEngine.Builder> settings) {
        engine = settings.apply(DynamoDbEngine.builder()
                        .clock(Clock.fixed(START, ZoneOffset.UTC))
                        .region("eu-west-1")
                        .accountId("111122223333"))
                .build();
        client = engine.client();
        streams = engine.streamsClient();
    }

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** Creates an on-demand table keyed by string {@code pk} with a stream of {@code viewType}; returns the stream ARN. */
    @SuppressWarnings("unchecked")
    String table(String name, StreamViewType viewType) {
        return client.createTable(b -> b.tableName(name)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(viewType)))
                .tableDescription()
                .latestStreamArn();
    }

    void put(String table, Object... pairs) {
        client.putItem(b -> b.tableName(table).item(EngineFixture.item(pairs)));
    }

    StreamDescription describe(String streamArn) {
        return streams.describeStream(b -> b.streamArn(streamArn)).streamDescription();
    }

    List<Shard> shards(String streamArn) {
        return describe(streamArn).shards();
    }

    String iterator(String streamArn, String shardId, ShardIteratorType type) {
        return streams.getShardIterator(
                        b -> b.streamArn(streamArn).shardId(shardId).shardIteratorType(type))
                .shardIterator();
    }

    String iterator(String streamArn, String shardId, ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shardId)
                        .shardIteratorType(type)
                        .sequenceNumber(sequenceNumber))
                .shardIterator();
    }

    GetRecordsResponse records(String iterator) {
        return streams.getRecords(b -> b.shardIterator(iterator));
    }

    /** Every record of one shard from the trim horizon up to its end (closed) or its first empty page (open). */
    List<Record> read(String streamArn, String shardId) {
        List<Record> records = new ArrayList<>();
        String iterator = iterator(streamArn, shardId, ShardIteratorType.TRIM_HORIZON);
        while (iterator != null) {
            GetRecordsResponse page = records(iterator);
            records.addAll(page.records());
            iterator = page.records().isEmpty() ? null : page.nextShardIterator();
        }
        return records;
    }

    /** Every record of the stream, shard after shard in listing order (parents before children). */
    List<Record> readAll(String streamArn) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : shards(streamArn)) {
            records.addAll(read(streamArn, shard.shardId()));
        }
        return records;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
