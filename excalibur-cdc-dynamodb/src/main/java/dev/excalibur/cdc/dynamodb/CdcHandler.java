package dev.excalibur.cdc.dynamodb;

/** Handles one change; returning means handled (the checkpoint may move past it). */
@FunctionalInterface
public interface CdcHandler {

    /** Handles a change; throw to have it retried (and, after the last attempt, to stop or dead-letter it). */
    void handle(CdcChange change) throws Exception;
}
