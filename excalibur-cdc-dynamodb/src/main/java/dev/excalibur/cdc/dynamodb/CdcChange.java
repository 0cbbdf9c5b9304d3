package dev.excalibur.cdc.dynamodb;

import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.dynamodb.streams.internal.StreamRecords;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One stream record as the handler sees it.
 *
 * @param shardId         the shard it was read from
 * @param sequenceNumber  DynamoDB's sequence number (increasing within a shard)
 * @param eventId         the record's unique id (a key for de-duplicating redeliveries)
 * @param type            created, updated or deleted
 * @param keys            the item's key attributes
 * @param newImage        the item after the change, or null (deletes, or a view type without it)
 * @param oldImage        the item before the change, or null (creates, or a view type without it)
 * @param approximateCreationTime when DynamoDB recorded the change (rounded down)
 * @param userIdentity    who made the change when it was not a caller's request, else null: for a deletion by
 *                        time to live, type {@code Service} and principal {@code dynamodb.amazonaws.com}
 */
public record CdcChange(String shardId, String sequenceNumber, String eventId, ChangeFeedEventType type,
                        Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage,
                        Map<String, AttributeValue> oldImage, Instant approximateCreationTime, Identity userIdentity) {

    /** The {@link Identity#type()} of a change made by the service itself. */
    public static final String SERVICE_IDENTITY_TYPE = "Service";
    /** The {@link Identity#principalId()} of a change made by DynamoDB itself (time to live). */
    public static final String DYNAMODB_PRINCIPAL = "dynamodb.amazonaws.com";

    /**
     * Whether DynamoDB deleted the item because its time to live passed (a {@link ChangeFeedEventType#DELETED}
     * change whose user identity is the service {@value #DYNAMODB_PRINCIPAL}), not a caller's delete.
     */
    public boolean isTimeToLiveDeletion() {
        return type == ChangeFeedEventType.DELETED && userIdentity != null
                && SERVICE_IDENTITY_TYPE.equals(userIdentity.type()) && DYNAMODB_PRINCIPAL.equals(userIdentity.principalId());
    }

    /**
     * The changes of stream records read from one shard, in order, as every CDC runner hands them
     * to the handler; a record with an event name this version does not know is skipped (logged).
     */
    public static List<CdcChange> fromRecords(String shardId, List<Record> records) {
        List<CdcChange> changes = new ArrayList<>(records.size());
        for (Record record : records) {
            ChangeFeedEventType type = StreamRecords.typeOf(record);
            if (type == null) {
                LoggerFactory.getLogger(CdcChange.class).warn("skipping stream record {} of shard {} with unknown event name '{}'",
                        record.eventID(), shardId, record.eventNameAsString());
                continue;
            }
            StreamRecord data = record.dynamodb();
            changes.add(new CdcChange(shardId, data.sequenceNumber(), record.eventID(), type, data.keys(),
                    data.hasNewImage() ? data.newImage() : null, data.hasOldImage() ? data.oldImage() : null,
                    data.approximateCreationDateTime(), record.userIdentity()));
        }
        return changes;
    }
}
