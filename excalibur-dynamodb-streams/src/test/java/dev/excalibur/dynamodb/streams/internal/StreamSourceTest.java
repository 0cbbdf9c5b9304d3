package dev.excalibur.dynamodb.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.dynamodb.internal.RetryPolicy;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The stream core on an engine of its own (it rolls shards over more than 100 times). */
class StreamSourceTest {

    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(10));

    @Test
    void everyDescribeStreamPageIsReadAndALineageOfOver100ShardsIsReadParentsFirst() {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start()) {
            String table = db.createStreamTable("paged");
            for (int i = 0; i < 110; i++) {
                put(db, table, "item-" + i);
                db.triggerShardRollovers();
            }
            StreamSource source = StreamSource.ofTable(db.asyncClient(), db.streamsAsyncClient(), table, RETRY)
                    .join();

            List<StreamShard> shards = source.shards();
            assertThat(shards).hasSizeGreaterThan(110);
            assertThat(shards).extracting(StreamShard::id).doesNotHaveDuplicates();
            assertThat(db.streamsClient()
                            .describeStream(b -> b.streamArn(source.streamArn()))
                            .streamDescription()
                            .lastEvaluatedShardId())
                    .as("the service pages the listing")
                    .isNotNull();

            Map<String, ShardCheckpoint> known = new HashMap<>();
            List<String> read = new ArrayList<>();
            for (int pass = 0; pass < 200 && read.size() < 110; pass++) {
                for (StreamShard shard : new ShardLineage(shards, known).readable()) {
                    ShardReader reader =
                            source.reader(shard, known.getOrDefault(shard.id(), ShardCheckpoint.UNREAD), false, 1000);
                    for (Record record : reader.read()) {
                        read.add(record.dynamodb().keys().get("pk").s());
                    }
                    known.put(shard.id(), reader.checkpoint());
                }
            }
            assertThat(read).hasSize(110);
            for (int i = 0; i < 110; i++) {
                assertThat(read.get(i)).isEqualTo("item-" + i);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTableWithoutAStreamIsRefusedNamingIt() {
        EmbeddedDynamoDb db = EmbeddedDynamoDb.shared();
        String table = db.newTableName("no_stream");
        db.client()
                .createTable(b -> b.tableName(table)
                        .billingMode("PAY_PER_REQUEST")
                        .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType("S")));

        assertThatThrownBy(() -> StreamSource.ofTable(db.asyncClient(), db.streamsAsyncClient(), table, RETRY)
                        .join())
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'" + table + "' has no stream");
        assertThatThrownBy(() -> StreamSource.ofStream(db.streamsAsyncClient(), " ", RETRY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamArn");
    }

    private static void put(EmbeddedDynamoDb db, String table, String key) {
        db.client().putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key))));
    }
}
