package dev.excalibur.dynamodb.engine.internal.streams;

import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** What the test controls read of a shard iterator: the stream and shard it reads. Internal to the engine. */
public final class IteratorTargets {

    /** The stream ARN and shard id a shard iterator names. */
    public record Target(String streamArn, String shardId) {}

    private IteratorTargets() {}

    /** The stream and shard of an iterator the engine issued; null for any other string (the engine answers those itself). */
    public static Target of(String iterator) {
        try {
            ShardIterators.Position position = ShardIterators.decode(iterator);
            return new Target(position.streamArn(), position.shardId());
        } catch (DynamoDbException e) {
            return null;
        }
    }
}
