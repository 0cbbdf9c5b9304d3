package dev.excalibur.cdc.dynamodb;

import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
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
 */
public record CdcChange(String shardId, String sequenceNumber, String eventId, ChangeFeedEventType type,
                        Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage,
                        Map<String, AttributeValue> oldImage, Instant approximateCreationTime) {
}
