package dev.excalibur.dynamodb.engine.internal.streams;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;

/**
 * One stream record as the engine keeps it: its sequence (the engine's counter), the parts of the SDK record, and
 * the write time in the stream registry's undilated frame ({@link ChangeStreams#effective(Instant)} gives its age
 * now). Images are null where the view type leaves them out. Immutable.
 */
record StoredRecord(
        long sequence,
        String eventId,
        OperationType eventName,
        Map<String, AttributeValue> keys,
        Map<String, AttributeValue> newImage,
        Map<String, AttributeValue> oldImage,
        long sizeBytes,
        Instant written,
        boolean byService) {}
