package dev.excalibur.data.cloudnative.batch;

/** The kinds of operation a transactional batch can hold. */
public enum CloudBatchOperationType {
    /** Insert a document that must not exist yet. */
    CREATE,
    /** Replace a document that must exist. */
    REPLACE,
    /** Insert or replace. */
    UPSERT,
    /** Delete, optionally only at a given ETag. */
    DELETE,
    /** Change some attributes of an existing document. */
    PATCH,
    /** Require a condition on a document without writing it. */
    CONDITION_CHECK
}
