package dev.excalibur.data.dynamodb.streams;

import java.util.Objects;

/**
 * A shard of a stream as {@code DescribeStream} lists it.
 *
 * @param id       the shard id
 * @param parentId the shard it continues, or null
 * @param closed   true once the shard has an ending sequence number (no new records arrive)
 */
public record StreamShard(String id, String parentId, boolean closed) {

    public StreamShard {
        Objects.requireNonNull(id, "id must not be null");
    }
}
