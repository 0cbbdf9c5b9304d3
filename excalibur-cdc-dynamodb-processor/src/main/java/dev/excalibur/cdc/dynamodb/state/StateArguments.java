package dev.excalibur.cdc.dynamodb.state;

import java.time.Duration;

/** Argument checks shared by the state stores. */
final class StateArguments {

    private StateArguments() {}

    static void requireProcessor(String processor) {
        if (processor == null || processor.isBlank()) {
            throw new IllegalArgumentException("processor must not be blank");
        }
    }

    static void require(String processor, String shardId, String owner, Duration duration) {
        requireProcessor(processor);
        if (shardId == null || shardId.isBlank()) {
            throw new IllegalArgumentException("shardId must not be blank");
        }
        if (owner == null || owner.isBlank()) {
            throw new IllegalArgumentException("owner must not be blank");
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("lease duration must be positive but was " + duration);
        }
    }
}
