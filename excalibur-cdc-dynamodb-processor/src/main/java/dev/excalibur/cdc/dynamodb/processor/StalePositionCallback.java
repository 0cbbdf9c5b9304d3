package dev.excalibur.cdc.dynamodb.processor;

import dev.excalibur.dynamodb.streams.StalePositionException;

/** Decides what to do about a stale position, for {@link StalePositionStrategy#ASK_CALLBACK}. */
@FunctionalInterface
public interface StalePositionCallback {

    /**
     * The strategy to follow: {@link StalePositionStrategy#FAIL},
     * {@link StalePositionStrategy#RESTART_FROM_TRIM_HORIZON} or {@link StalePositionStrategy#RESTART_FROM_LATEST}.
     */
    StalePositionStrategy decide(String processor, StalePositionException stale);
}
