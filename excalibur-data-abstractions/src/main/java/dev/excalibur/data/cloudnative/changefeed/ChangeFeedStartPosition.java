package dev.excalibur.data.cloudnative.changefeed;

/** Where a change feed subscription starts reading. */
public enum ChangeFeedStartPosition {
    /** The oldest change still retained. */
    BEGINNING,
    /** Only changes made after the subscription starts. */
    NOW,
    /** Right after the position encoded in a continuation token. */
    FROM_CONTINUATION_TOKEN,
    /** The first change at or after a timestamp. */
    FROM_TIMESTAMP
}
