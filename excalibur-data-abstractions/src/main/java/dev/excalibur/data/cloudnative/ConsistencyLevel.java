package dev.excalibur.data.cloudnative;

/** Read consistency, from weakest to strongest. Providers map what they cannot offer to the nearest weaker level. */
public enum ConsistencyLevel {
    /** The provider's configured default. */
    DEFAULT,
    /** Eventually consistent reads. */
    EVENTUAL,
    /** Read-your-writes within a session; DynamoDB serves it as an eventual read. */
    SESSION,
    /** Reads lag by at most a bound; DynamoDB serves it as an eventual read. */
    BOUNDED_STALENESS,
    /** Strongly consistent reads. */
    STRONG
}
