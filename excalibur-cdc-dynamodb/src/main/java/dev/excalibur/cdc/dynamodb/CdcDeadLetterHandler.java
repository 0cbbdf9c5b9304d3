package dev.excalibur.cdc.dynamodb;

import java.util.List;

/**
 * Takes changes the handler failed on after its last attempt, so processing can move past them.
 * Throwing stops the processor with the checkpoint before those changes.
 */
@FunctionalInterface
public interface CdcDeadLetterHandler {

    /** Keeps the changes (one change, or the batch of a batch handler) and why they failed. */
    void accept(List<CdcChange> changes, Exception failure) throws Exception;
}
