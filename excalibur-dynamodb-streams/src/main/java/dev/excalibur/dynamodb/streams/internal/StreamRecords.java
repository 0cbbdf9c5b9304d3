package dev.excalibur.dynamodb.streams.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** What stream records say. */
@InternalApi
public final class StreamRecords {

    private StreamRecords() {}

    /**
     * The change a record reports: {@code INSERT} created, {@code MODIFY} updated, {@code REMOVE}
     * deleted; null for an event name this library does not know (such records are skipped, never
     * retried forever).
     */
    public static ChangeFeedEventType typeOf(Record record) {
        OperationType operation = record.eventName();
        if (operation == null) {
            return null;
        }
        switch (operation) {
            case INSERT:
                return ChangeFeedEventType.CREATED;
            case MODIFY:
                return ChangeFeedEventType.UPDATED;
            case REMOVE:
                return ChangeFeedEventType.DELETED;
            default:
                return null;
        }
    }
}
