package dev.excalibur.data.cloudnative.changefeed;

/** What happened to a document. */
public enum ChangeFeedEventType {
    /** The document was created (DynamoDB {@code INSERT}). */
    CREATED,
    /** The document was changed (DynamoDB {@code MODIFY}). */
    UPDATED,
    /** The document was deleted (DynamoDB {@code REMOVE}). */
    DELETED
}
