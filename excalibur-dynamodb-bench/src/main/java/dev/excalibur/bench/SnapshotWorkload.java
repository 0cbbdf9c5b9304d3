package dev.excalibur.bench;

import dev.excalibur.data.dynamodb.snapshots.DynamoDbSnapshotStore;
import dev.excalibur.data.snapshots.Snapshot;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Saves a snapshot (1 KB of state, two metadata values) of aggregate {@code n} with a conditional
 * write that never replaces a newer version, then loads the latest snapshot back.
 */
abstract class SnapshotWorkload implements Rounds.Workload {

    static final byte[] STATE = new byte[1024];

    static Snapshot snapshot(int n) {
        return new Snapshot(
                UUID.randomUUID().toString(),
                "order-" + n,
                "Order",
                7,
                Instant.now(),
                STATE,
                Map.of("schemaVersion", 2, "source", "bench"),
                null);
    }

    /** The raw SDK: PutItem with the version condition, GetItem, hand mapping (metadata as a map). */
    static SnapshotWorkload raw(DynamoDbAsyncClient client, String table) {
        return new SnapshotWorkload() {
            @Override
            public String name() {
                return "raw SDK (conditional PutItem + GetItem, hand mapping)";
            }

            @Override
            public CompletableFuture<?> call(int n) {
                Snapshot snapshot = snapshot(n);
                Map<String, AttributeValue> key = Map.of(
                        "pk",
                        AttributeValue.fromS("SNAPSHOT#-#" + snapshot.aggregateId()),
                        "sk",
                        AttributeValue.fromS(snapshot.aggregateType()));
                Map<String, AttributeValue> item = new HashMap<>(key);
                item.put("snapshotId", AttributeValue.fromS(snapshot.snapshotId()));
                item.put("aggregateId", AttributeValue.fromS(snapshot.aggregateId()));
                item.put("aggregateType", AttributeValue.fromS(snapshot.aggregateType()));
                item.put("version", AttributeValue.fromN(Long.toString(snapshot.version())));
                item.put("createdAt", AttributeValue.fromS(snapshot.createdAt().toString()));
                item.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(snapshot.data())));
                item.put(
                        "metadata",
                        AttributeValue.fromM(Map.of(
                                "schemaVersion", AttributeValue.fromN("2"), "source", AttributeValue.fromS("bench"))));
                return client.putItem(b -> b.tableName(table)
                                .item(item)
                                .conditionExpression("attribute_not_exists(#pk) OR #version < :version")
                                .expressionAttributeNames(Map.of("#pk", "pk", "#version", "version"))
                                .expressionAttributeValues(Map.of(":version", item.get("version"))))
                        .handle((saved, error) -> {
                            if (error != null
                                    && !(error instanceof CompletionException
                                            && error.getCause() instanceof ConditionalCheckFailedException)) {
                                throw new CompletionException(error);
                            }
                            return saved;
                        })
                        .thenCompose(saved ->
                                client.getItem(b -> b.tableName(table).key(key).consistentRead(true)))
                        .thenAccept(read -> {
                            Map<String, AttributeValue> found = read.item();
                            Map<String, AttributeValue> metadata =
                                    found.get("metadata").m();
                            Snapshot loaded = new Snapshot(
                                    found.get("snapshotId").s(),
                                    found.get("aggregateId").s(),
                                    found.get("aggregateType").s(),
                                    Long.parseLong(found.get("version").n()),
                                    Instant.parse(found.get("createdAt").s()),
                                    found.get("data").b().asByteArray(),
                                    Map.of(
                                            "schemaVersion",
                                            Integer.parseInt(metadata.get("schemaVersion")
                                                    .n()),
                                            "source",
                                            metadata.get("source").s()),
                                    null);
                            Contender.require(
                                    loaded.version() == 7 && loaded.data().length == STATE.length,
                                    "the snapshot was loaded");
                        });
            }
        };
    }

    /** This library's {@link DynamoDbSnapshotStore}: save, then get latest. */
    static SnapshotWorkload store(DynamoDbSnapshotStore store) {
        return new SnapshotWorkload() {
            @Override
            public String name() {
                return "ours (DynamoDbSnapshotStore saveSnapshot + getLatestSnapshot)";
            }

            @Override
            public CompletableFuture<?> call(int n) {
                Snapshot snapshot = snapshot(n);
                return store.saveSnapshot(snapshot)
                        .thenCompose(saved -> store.getLatestSnapshot(snapshot.aggregateId(), snapshot.aggregateType()))
                        .thenAccept(loaded -> Contender.require(
                                loaded.isPresent()
                                        && loaded.get().version() == 7
                                        && loaded.get().data().length == STATE.length,
                                "the snapshot was loaded"));
            }
        };
    }
}
