package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.dynamodb.streams.internal.StreamShard;
import dev.excalibur.dynamodb.streams.internal.StreamSource;
import java.util.List;

/** The stream as the coordinator sees it: its ARN and its shards as listed now. */
interface ShardSource {

    /** The stream's ARN. */
    String streamArn();

    /** Every shard of the stream, parents before their children. */
    List<StreamShard> shards();

    /** The shards of a stream read through {@code source}. */
    static ShardSource of(StreamSource source) {
        return new ShardSource() {
            @Override
            public String streamArn() {
                return source.streamArn();
            }

            @Override
            public List<StreamShard> shards() {
                return source.shards();
            }
        };
    }
}
