package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** A table with a NEW_AND_OLD_IMAGES stream on an engine, and versioned writes to it. */
record StreamTable(EmbeddedDynamoDb db, String name) {

    static StreamTable create(EmbeddedDynamoDb db, String hint) {
        return new StreamTable(db, db.createStreamTable(hint));
    }

    /** Writes version {@code version} of items {@code prefix0 .. prefix(count-1)}, 25 per request. */
    void writeVersion(String prefix, int count, int version) {
        List<WriteRequest> batch = new ArrayList<>(25);
        for (int i = 0; i < count; i++) {
            String key = prefix + i;
            batch.add(WriteRequest.builder()
                    .putRequest(p -> p.item(Map.of(
                            "pk",
                            AttributeValue.fromS(key),
                            "version",
                            AttributeValue.fromN(Integer.toString(version)))))
                    .build());
            if (batch.size() == 25 || i == count - 1) {
                List<WriteRequest> requests = List.copyOf(batch);
                var response = db.client().batchWriteItem(b -> b.requestItems(Map.of(name, requests)));
                if (response.hasUnprocessedItems()
                        && !response.unprocessedItems().isEmpty()) {
                    throw new IllegalStateException("the embedded engine left items unprocessed");
                }
                batch.clear();
            }
        }
    }

    /** Versions 1..versions of {@code count} items, rolling the shards over after each version in {@code rollAfter}. */
    void writeVersions(String prefix, int count, int versions, int... rollAfter) {
        for (int version = 1; version <= versions; version++) {
            writeVersion(prefix, count, version);
            for (int roll : rollAfter) {
                if (roll == version) {
                    db.triggerShardRollovers();
                }
            }
        }
    }
}
