package dev.excalibur.cdc.dynamodb;

import java.util.List;

/** Handles the changes of one read of one shard, in order; returning means all are handled. */
@FunctionalInterface
public interface CdcBatchHandler {

    /** Handles a batch; throw to have the whole batch retried (then stopped on or dead-lettered). */
    void handle(List<CdcChange> changes) throws Exception;
}
