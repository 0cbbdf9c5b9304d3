package dev.excalibur.data.cloudnative.changefeed;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * How a change feed subscription reads: where it starts, how many changes it reads per request,
 * how long it waits when there are none, and which partition it follows. Immutable; build with
 * {@link #builder()}, {@link #of(Consumer)} or one of the factories.
 */
public final class ChangeFeedOptions {

    /** The most changes one read may ask for (the DynamoDB Streams {@code GetRecords} limit). */
    public static final int MAX_BATCH_SIZE = 1000;

    private static final ChangeFeedOptions DEFAULT = builder().build();

    private final ChangeFeedStartPosition startPosition;
    private final @Nullable String continuationToken;
    private final @Nullable Instant startTimestamp;
    private final int maxBatchSize;
    private final Duration pollingInterval;
    private final @Nullable String partitionKeyFilter;

    private ChangeFeedOptions(Builder b) {
        if (b.maxBatchSize < 1 || b.maxBatchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "maxBatchSize must be between 1 and " + MAX_BATCH_SIZE + " but was " + b.maxBatchSize);
        }
        if (b.pollingInterval.isNegative() || b.pollingInterval.isZero()) {
            throw new IllegalArgumentException("pollingInterval must be positive but was " + b.pollingInterval);
        }
        if ((b.startPosition == ChangeFeedStartPosition.FROM_CONTINUATION_TOKEN) != (b.continuationToken != null)) {
            throw new IllegalArgumentException("continuationToken is required with, and only read with, start position "
                    + ChangeFeedStartPosition.FROM_CONTINUATION_TOKEN + " (start position was " + b.startPosition
                    + ")");
        }
        if ((b.startPosition == ChangeFeedStartPosition.FROM_TIMESTAMP) != (b.startTimestamp != null)) {
            throw new IllegalArgumentException("startTimestamp is required with, and only read with, start position "
                    + ChangeFeedStartPosition.FROM_TIMESTAMP + " (start position was " + b.startPosition + ")");
        }
        if (b.continuationToken != null && b.continuationToken.isBlank()) {
            throw new IllegalArgumentException("continuationToken must not be blank");
        }
        if (b.partitionKeyFilter != null && b.partitionKeyFilter.isEmpty()) {
            throw new IllegalArgumentException(
                    "partitionKeyFilter must not be empty (leave it unset to follow every partition)");
        }
        this.startPosition = b.startPosition;
        this.continuationToken = b.continuationToken;
        this.startTimestamp = b.startTimestamp;
        this.maxBatchSize = b.maxBatchSize;
        this.pollingInterval = b.pollingInterval;
        this.partitionKeyFilter = b.partitionKeyFilter;
    }

    /** Changes made after the subscription starts, 100 per read, polling every second. */
    public static ChangeFeedOptions defaults() {
        return DEFAULT;
    }

    /** Every change still retained, oldest first. */
    public static ChangeFeedOptions fromBeginning() {
        return builder().startPosition(ChangeFeedStartPosition.BEGINNING).build();
    }

    /** The changes after the one whose event carried {@code continuationToken}. */
    public static ChangeFeedOptions fromContinuationToken(String continuationToken) {
        return builder()
                .startPosition(ChangeFeedStartPosition.FROM_CONTINUATION_TOKEN)
                .continuationToken(continuationToken)
                .build();
    }

    /** The changes made at or after {@code timestamp} (at the store's timestamp precision). */
    public static ChangeFeedOptions fromTimestamp(Instant timestamp) {
        return builder()
                .startPosition(ChangeFeedStartPosition.FROM_TIMESTAMP)
                .startTimestamp(timestamp)
                .build();
    }

    /** The options the callback builds. */
    public static ChangeFeedOptions of(Consumer<Builder> options) {
        Builder builder = builder();
        options.accept(builder);
        return builder.build();
    }

    /** A builder with the defaults: {@link ChangeFeedStartPosition#NOW}, 100 per read, 1 s polling. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where reading starts. */
    public ChangeFeedStartPosition startPosition() {
        return startPosition;
    }

    /** The token to resume from, with {@link ChangeFeedStartPosition#FROM_CONTINUATION_TOKEN}; else null. */
    public @Nullable String continuationToken() {
        return continuationToken;
    }

    /** The first change time to deliver, with {@link ChangeFeedStartPosition#FROM_TIMESTAMP}; else null. */
    public @Nullable Instant startTimestamp() {
        return startTimestamp;
    }

    /** The most changes read per request (1 to 1000). */
    public int maxBatchSize() {
        return maxBatchSize;
    }

    /** How long to wait before reading again when no changes were found. */
    public Duration pollingInterval() {
        return pollingInterval;
    }

    /** The only partition key whose changes are delivered, or null for every partition. */
    public @Nullable String partitionKeyFilter() {
        return partitionKeyFilter;
    }

    @Override
    public String toString() {
        return "ChangeFeedOptions[startPosition=" + startPosition + ", startTimestamp=" + startTimestamp
                + ", maxBatchSize=" + maxBatchSize + ", pollingInterval=" + pollingInterval
                + ", partitionKeyFilter=" + partitionKeyFilter + "]";
    }

    /** Builds {@link ChangeFeedOptions}; {@link #build()} checks every value. */
    public static final class Builder {
        private ChangeFeedStartPosition startPosition = ChangeFeedStartPosition.NOW;
        private @Nullable String continuationToken;
        private @Nullable Instant startTimestamp;
        private int maxBatchSize = 100;
        private Duration pollingInterval = Duration.ofSeconds(1);
        private @Nullable String partitionKeyFilter;

        private Builder() {}

        /** Where reading starts; default {@link ChangeFeedStartPosition#NOW}. */
        public Builder startPosition(ChangeFeedStartPosition startPosition) {
            this.startPosition = Objects.requireNonNull(startPosition, "startPosition must not be null");
            return this;
        }

        /** The token to resume from (requires {@link ChangeFeedStartPosition#FROM_CONTINUATION_TOKEN}). */
        public Builder continuationToken(@Nullable String continuationToken) {
            this.continuationToken = continuationToken;
            return this;
        }

        /** The first change time to deliver (requires {@link ChangeFeedStartPosition#FROM_TIMESTAMP}). */
        public Builder startTimestamp(@Nullable Instant startTimestamp) {
            this.startTimestamp = startTimestamp;
            return this;
        }

        /** The most changes read per request, 1 to 1000; default 100. */
        public Builder maxBatchSize(int maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
            return this;
        }

        /** How long to wait when no changes were found; default 1 s. */
        public Builder pollingInterval(Duration pollingInterval) {
            this.pollingInterval = Objects.requireNonNull(pollingInterval, "pollingInterval must not be null");
            return this;
        }

        /** Deliver only the changes of this partition key value; default every partition. */
        public Builder partitionKeyFilter(@Nullable String partitionKeyFilter) {
            this.partitionKeyFilter = partitionKeyFilter;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if a value is out of range, or the token or timestamp
         *         does not go with the start position
         */
        public ChangeFeedOptions build() {
            return new ChangeFeedOptions(this);
        }
    }
}
