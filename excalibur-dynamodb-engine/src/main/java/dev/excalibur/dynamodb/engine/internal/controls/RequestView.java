package dev.excalibur.dynamodb.engine.internal.controls;

import dev.excalibur.dynamodb.engine.internal.streams.IteratorTargets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What the controls read of a request without running it: the tables it names, the items it names
 * (one entry per item of a single-item call, per entry of a batch, per action of a transaction, in
 * request order), and the stream and shard it reads ({@code StreamArn}, {@code ShardId}, or those of its
 * {@code ShardIterator} when the engine issued it). Tables are given by name; a table or stream ARN
 * counts as the table it names. Internal to the engine.
 */
final class RequestView {

    /** One item a request names: its table (null if the request gives none) and its key or item attributes (possibly empty). */
    record Entry(String table, Map<String, AttributeValue> attributes) {}

    /** The top-level string members the view reads, by wire name. */
    private static final Set<String> MEMBERS =
            Set.of("TableName", "ResourceArn", "StreamArn", "ShardId", "ShardIterator");

    private final Map<String, String> members = new HashMap<>();
    private final List<Entry> entries;
    private final List<String> tables;
    private final String streamArn;
    private final String shardId;

    RequestView(SdkPojo request) {
        for (SdkField<?> field : request.sdkFields()) {
            if (MEMBERS.contains(field.locationName()) && field.getValueOrDefault(request) instanceof String value) {
                members.put(field.locationName(), value);
            }
        }
        this.entries = entries(request);
        String iterator = member("ShardIterator");
        IteratorTargets.Target read = iterator == null ? null : IteratorTargets.of(iterator);
        this.streamArn = read != null ? read.streamArn() : member("StreamArn");
        this.shardId = read != null ? read.shardId() : member("ShardId");
        Set<String> named = new LinkedHashSet<>();
        for (String nameOrArn : new String[] {member("TableName"), member("ResourceArn"), streamArn}) {
            String table = tableOf(nameOrArn);
            if (table != null) {
                named.add(table);
            }
        }
        for (Entry entry : entries) {
            if (entry.table() != null) {
                named.add(entry.table());
            }
        }
        this.tables = List.copyOf(named);
    }

    List<String> tables() {
        return tables;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The stream the request reads, or null. */
    String streamArn() {
        return streamArn;
    }

    /** The shard the request reads, or null. */
    String shardId() {
        return shardId;
    }

    /** The request's top-level string member with this wire name (one of {@link #MEMBERS}), or null. */
    private String member(String name) {
        return members.get(name);
    }

    /** The table a name or ARN ({@code arn:...:table/<name>[/stream/...|/index/...]}) designates; null for null or another ARN. */
    static String tableOf(String nameOrArn) {
        if (nameOrArn == null || !nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        int start = nameOrArn.indexOf(":table/");
        if (start < 0) {
            return null;
        }
        String rest = nameOrArn.substring(start + ":table/".length());
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

    private static List<Entry> entries(SdkPojo request) {
        List<Entry> entries = new ArrayList<>();
        if (request instanceof PutItemRequest put) {
            entries.add(entry(put.tableName(), put.item()));
        } else if (request instanceof GetItemRequest get) {
            entries.add(entry(get.tableName(), get.key()));
        } else if (request instanceof UpdateItemRequest update) {
            entries.add(entry(update.tableName(), update.key()));
        } else if (request instanceof DeleteItemRequest delete) {
            entries.add(entry(delete.tableName(), delete.key()));
        } else if (request instanceof BatchWriteItemRequest batch) {
            batch.requestItems().forEach((table, writes) -> {
                for (WriteRequest write : writes) {
                    entries.add(entry(
                            table,
                            write.putRequest() != null
                                    ? write.putRequest().item()
                                    : write.deleteRequest() != null
                                            ? write.deleteRequest().key()
                                            : null));
                }
            });
        } else if (request instanceof BatchGetItemRequest batch) {
            batch.requestItems().forEach((table, keys) -> {
                for (Map<String, AttributeValue> key : keysOf(keys)) {
                    entries.add(entry(table, key));
                }
            });
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            for (TransactWriteItem action : transaction.transactItems()) {
                entries.add(action(action));
            }
        } else if (request instanceof TransactGetItemsRequest transaction) {
            for (TransactGetItem action : transaction.transactItems()) {
                entries.add(
                        action.get() == null
                                ? entry(null, null)
                                : entry(action.get().tableName(), action.get().key()));
            }
        }
        return entries;
    }

    private static List<Map<String, AttributeValue>> keysOf(KeysAndAttributes keys) {
        return keys == null ? List.of() : keys.keys();
    }

    private static Entry action(TransactWriteItem action) {
        if (action.put() != null) {
            return entry(action.put().tableName(), action.put().item());
        }
        if (action.update() != null) {
            return entry(action.update().tableName(), action.update().key());
        }
        if (action.delete() != null) {
            return entry(action.delete().tableName(), action.delete().key());
        }
        if (action.conditionCheck() != null) {
            return entry(
                    action.conditionCheck().tableName(), action.conditionCheck().key());
        }
        return entry(null, null);
    }

    private static Entry entry(String table, Map<String, AttributeValue> attributes) {
        return new Entry(tableOf(table), attributes == null ? Map.of() : attributes);
    }
}
