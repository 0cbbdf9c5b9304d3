package dev.excalibur.data.cloudnative.changefeed;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change of one document.
 *
 * @param type              what happened
 * @param documentId        the document id
 * @param partitionKey      the partition key value
 * @param document          the document after the change, or null for a delete
 * @param previousDocument  the document before the change, when the feed carries it
 * @param timestamp         approximate time of the change
 * @param sequenceNumber    the store's own sequence number of the change
 * @param continuationToken token that resumes the feed right after this event
 * @param <T>               the document type
 */
public record ChangeFeedEvent<T>(
        ChangeFeedEventType type,
        String documentId,
        String partitionKey,
        @Nullable T document,
        @Nullable T previousDocument,
        Instant timestamp,
        String sequenceNumber,
        String continuationToken) {}
