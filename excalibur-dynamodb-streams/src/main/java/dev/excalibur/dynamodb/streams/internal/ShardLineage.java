package dev.excalibur.dynamodb.streams.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shards of a stream against what a reader knows of them: which are finished, which may be
 * read now (a child only after its parent is finished or gone), where an unknown shard starts.
 *
 * <p>A shard the reader has no checkpoint for is finished when a descendant of it has one (readers
 * reach children only through their parents, so checkpoints of finished parents may be dropped).
 */
@InternalApi
public final class ShardLineage {

    private final Map<String, StreamShard> listed = new LinkedHashMap<>();
    private final Map<String, List<String>> children = new HashMap<>();
    private final Map<String, ShardCheckpoint> known;
    private final Map<String, Boolean> finished = new HashMap<>();

    /**
     * @param shards the shards of the stream, as listed
     * @param known  the reader's checkpoints by shard id
     */
    public ShardLineage(List<StreamShard> shards, Map<String, ShardCheckpoint> known) {
        for (StreamShard shard : shards) {
            listed.put(shard.id(), shard);
            if (shard.parentId() != null) {
                children.computeIfAbsent(shard.parentId(), p -> new ArrayList<>())
                        .add(shard.id());
            }
        }
        this.known = known;
    }

    /** True if the shard is read to its end, by its checkpoint or because a descendant has one. */
    public boolean finished(String shardId) {
        Boolean cached = finished.get(shardId);
        if (cached != null) {
            return cached;
        }
        ShardCheckpoint checkpoint = known.get(shardId);
        boolean result = checkpoint != null ? checkpoint.finished() : hasKnownDescendant(shardId);
        finished.put(shardId, result);
        return result;
    }

    private boolean hasKnownDescendant(String shardId) {
        for (String child : children.getOrDefault(shardId, List.of())) {
            if (known.containsKey(child) || hasKnownDescendant(child)) {
                return true;
            }
        }
        return false;
    }

    /** The shards to read now, in listing order: not finished, and their parent finished or gone. */
    public List<StreamShard> readable() {
        List<StreamShard> readable = new ArrayList<>();
        for (StreamShard shard : listed.values()) {
            String parent = shard.parentId();
            if (!finished(shard.id()) && (parent == null || !listed.containsKey(parent) || finished(parent))) {
                readable.add(shard);
            }
        }
        return readable;
    }

    /**
     * Where to read a shard from: its checkpoint, else from the oldest retained record, skipping
     * what the nearest finished ancestor skipped (or {@code defaultSkipBefore}).
     */
    public ShardCheckpoint startOf(StreamShard shard, Instant defaultSkipBefore) {
        ShardCheckpoint checkpoint = known.get(shard.id());
        if (checkpoint != null) {
            return checkpoint;
        }
        for (String parent = shard.parentId(); parent != null; ) {
            ShardCheckpoint ancestor = known.get(parent);
            if (ancestor != null) {
                return ancestor.finished() && ancestor.skipBefore() != null
                        ? ShardCheckpoint.unreadSince(ancestor.skipBefore())
                        : ShardCheckpoint.UNREAD;
            }
            StreamShard listedParent = listed.get(parent);
            parent = listedParent == null ? null : listedParent.parentId();
        }
        return defaultSkipBefore == null ? ShardCheckpoint.UNREAD : ShardCheckpoint.unreadSince(defaultSkipBefore);
    }

    /**
     * Known shards, not finished, that the stream does not list: gone (read part-way: their
     * records are lost; unread: nothing is left to read), or newer than the listing.
     */
    public List<String> unlisted() {
        List<String> unlisted = new ArrayList<>();
        known.forEach((id, checkpoint) -> {
            if (!checkpoint.finished() && !listed.containsKey(id)) {
                unlisted.add(id);
            }
        });
        return unlisted;
    }

    /** {@link #unlisted()} shards read part-way: their remaining records are gone. */
    public List<String> vanished() {
        return unlisted().stream()
                .filter(id -> known.get(id).sequenceNumber() != null)
                .toList();
    }

    /**
     * Finished shards whose checkpoints may be dropped: a child the stream lists has a checkpoint
     * (every reader that lists the child finds the shard finished by lineage, and one whose listing
     * predates the child lists again first), or the stream no longer lists the shard and
     * {@code goneForGood} says no reader can still see it listed (a reader holding its checkpoints
     * alone: always; readers sharing a store: once the shard is past the stream's retention).
     */
    public List<String> prunable(java.util.function.Predicate<String> goneForGood) {
        return finishedWhere(id -> listed.containsKey(id)
                ? children.getOrDefault(id, List.of()).stream().anyMatch(known::containsKey)
                : goneForGood.test(id));
    }

    private List<String> finishedWhere(java.util.function.Predicate<String> condition) {
        List<String> found = new ArrayList<>();
        known.forEach((id, checkpoint) -> {
            if (checkpoint.finished() && condition.test(id)) {
                found.add(id);
            }
        });
        return found;
    }
}
