package dev.excalibur.cdc.dynamodb.processor;

import java.time.Instant;

/**
 * A processor's time: the wall clock for what is stored and compared with other instances, a
 * monotonic count for its own deadlines (lease validity, intervals).
 */
interface ProcessorClock {

    /** The system's clocks. */
    ProcessorClock SYSTEM = new ProcessorClock() {
        @Override
        public Instant instant() {
            return Instant.now();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }
    };

    /** Now, by the wall clock. */
    Instant instant();

    /** Now, in nanoseconds from an arbitrary origin that never goes back. */
    long nanoTime();
}
