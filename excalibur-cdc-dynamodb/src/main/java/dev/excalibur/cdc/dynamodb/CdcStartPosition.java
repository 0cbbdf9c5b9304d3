package dev.excalibur.cdc.dynamodb;

/** Where a processor with no checkpoints at all starts. Once it has checkpoints, it resumes from them. */
public enum CdcStartPosition {
    /** Every record still retained (up to 24 h), oldest first. */
    TRIM_HORIZON,
    /** Only records written after the processor first starts. */
    LATEST
}
