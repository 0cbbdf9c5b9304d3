package dev.excalibur.dynamodb.streams.internal;

import dev.excalibur.data.InternalApi;
import java.util.Objects;

/**
 * A shard of a stream as {@code DescribeStream} lists it.
 *
 * @param id       the shard id
 * @param parentId the shard it continues, or null
 * @param closed   true once the shard has an ending sequence number (no new records arrive)
 */
@InternalApi
public record StreamShard(String id, String parentId, boolean closed) {

    public StreamShard {
        Objects.requireNonNull(id, "id must not be null");
    }
}
