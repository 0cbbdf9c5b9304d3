package dev.excalibur.dynamodb.engine.internal.streams;

import dev.excalibur.dynamodb.engine.internal.tables.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * One stream of one table: identity, view type, status, and every shard it ever had in creation order (so parents
 * come before their children; shards that left after retention stay known, marked gone). Times are in the registry's
 * undilated frame. Guarded by the registry's lock.
 */
final class ChangeStream {

    final String arn;
    final String label;
    final String tableName;
    final Table table;
    final List<KeySchemaElement> keySchema;
    final StreamViewType viewType;
    final Instant created;
    final long ordinal;
    final List<StreamShard> shards = new ArrayList<>();
    private final Map<String, StreamShard> byId = new HashMap<>();
    private Instant disabled;

    ChangeStream(String arn, String label, Table table, StreamViewType viewType, Instant created, long ordinal) {
        this.arn = arn;
        this.label = label;
        this.tableName = table.name();
        this.table = table;
        this.keySchema = table.keys().toSdk();
        this.viewType = viewType;
        this.created = created;
        this.ordinal = ordinal;
    }

    void add(StreamShard shard) {
        shards.add(shard);
        byId.put(shard.id, shard);
    }

    /** The shard with this id, gone or not, or null. */
    StreamShard shard(String shardId) {
        return byId.get(shardId);
    }

    StreamStatus status() {
        return disabled == null ? StreamStatus.ENABLED : StreamStatus.DISABLED;
    }

    /** When the stream was disabled (its table's stream turned off or the table deleted), or null. */
    Instant disabled() {
        return disabled;
    }

    /** Disables the stream: its open shards close, it takes no more records. */
    void disable(Instant when) {
        disabled = when;
        for (StreamShard shard : shards) {
            if (shard.open()) {
                shard.close(when);
            }
        }
    }

    /** The open shard taking records of this partition-key hash (looked for from the newest shard back). */
    StreamShard openShardFor(long hash) {
        for (int i = shards.size() - 1; i >= 0; i--) {
            if (shards.get(i).takes(hash)) {
                return shards.get(i);
            }
        }
        throw new IllegalStateException("no open shard of " + arn + " takes hash " + hash);
    }

    List<StreamShard> openShards() {
        return shards.stream().filter(StreamShard::open).toList();
    }

    List<StreamShard> visibleShards() {
        return shards.stream().filter(shard -> !shard.gone()).toList();
    }
}
