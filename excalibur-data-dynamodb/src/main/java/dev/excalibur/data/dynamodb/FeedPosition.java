package dev.excalibur.data.dynamodb;

import dev.excalibur.dynamodb.streams.ShardCheckpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a change feed stands on every shard it knows (shard id -> checkpoint), plus the skip time
 * for shards it meets later; immutable. Its token is a sealed (checksummed, URL-safe Base64)
 * binary form with a kind-and-version byte of its own, so a query token is refused.
 */
final class FeedPosition {

    private static final byte KIND_AND_VERSION = 0x41;
    private static final int FINISHED = 1;
    private static final int SEQUENCE = 2;
    private static final int SKIP = 4;

    private final String streamArn;
    private final @Nullable Instant defaultSkipBefore;
    private final Map<String, ShardCheckpoint> shards;

    FeedPosition(String streamArn, @Nullable Instant defaultSkipBefore, Map<String, ShardCheckpoint> shards) {
        this.streamArn = streamArn;
        this.defaultSkipBefore = defaultSkipBefore;
        this.shards = Collections.unmodifiableMap(shards);
    }

    String streamArn() {
        return streamArn;
    }

    /** The skip time of shards first met (no ancestor known), or null to read them from their start. */
    @Nullable
    Instant defaultSkipBefore() {
        return defaultSkipBefore;
    }

    Map<String, ShardCheckpoint> shards() {
        return shards;
    }

    FeedPosition with(String shardId, ShardCheckpoint checkpoint) {
        Map<String, ShardCheckpoint> next = new HashMap<>(shards);
        next.put(shardId, checkpoint);
        return new FeedPosition(streamArn, defaultSkipBefore, next);
    }

    FeedPosition without(Iterable<String> shardIds) {
        Map<String, ShardCheckpoint> next = new HashMap<>(shards);
        shardIds.forEach(next::remove);
        return new FeedPosition(streamArn, defaultSkipBefore, next);
    }

    String toToken() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + shards.size() * 80);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(KIND_AND_VERSION);
            out.writeUTF(streamArn);
            out.writeLong(defaultSkipBefore == null ? -1 : defaultSkipBefore.toEpochMilli());
            out.writeShort(shards.size());
            for (Map.Entry<String, ShardCheckpoint> shard : shards.entrySet()) {
                ShardCheckpoint checkpoint = shard.getValue();
                out.writeUTF(shard.getKey());
                out.writeByte((checkpoint.finished() ? FINISHED : 0)
                        | (checkpoint.sequenceNumber() != null ? SEQUENCE : 0)
                        | (checkpoint.skipBefore() != null ? SKIP : 0));
                if (checkpoint.sequenceNumber() != null) {
                    out.writeUTF(checkpoint.sequenceNumber());
                }
                if (checkpoint.skipBefore() != null) {
                    out.writeLong(checkpoint.skipBefore().toEpochMilli());
                }
            }
            out.flush();
            return ContinuationTokens.seal(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The position a token stands for.
     *
     * @throws IllegalArgumentException if the token is malformed, altered, or not a change feed token
     */
    static FeedPosition fromToken(String token) {
        byte[] body = ContinuationTokens.unseal(token, 13, FeedPosition::invalid);
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
            if (in.readByte() != KIND_AND_VERSION) {
                throw invalid("it is not a change feed token of this version");
            }
            String streamArn = in.readUTF();
            long skip = in.readLong();
            int count = in.readUnsignedShort();
            Map<String, ShardCheckpoint> shards = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String shardId = in.readUTF();
                int flags = in.readUnsignedByte();
                String sequence = (flags & SEQUENCE) != 0 ? in.readUTF() : null;
                Instant skipBefore = (flags & SKIP) != 0 ? Instant.ofEpochMilli(in.readLong()) : null;
                shards.put(shardId, new ShardCheckpoint(sequence, (flags & FINISHED) != 0, skipBefore));
            }
            if (in.available() != 0 || streamArn.isEmpty()) {
                throw invalid("it is malformed");
            }
            return new FeedPosition(streamArn, skip < 0 ? null : Instant.ofEpochMilli(skip), shards);
        } catch (IOException e) {
            throw invalid("it is malformed");
        }
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("continuationToken is not a change feed token: " + why
                + "; pass back the continuationToken of a change feed event");
    }
}
