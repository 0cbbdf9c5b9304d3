package dev.excalibur.cdc.dynamodb;

import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;

/**
 * One stream record as the handler sees it: the raw item images, and the same images as documents
 * through the runner's {@link DocumentDecoder} ({@link #newDocument(Class)}, {@link #oldDocument(Class)}).
 * Two changes are equal when their stream record data are equal (the decoder plays no part).
 */
public final class CdcChange {

    /** The {@link Identity#type()} of a change made by the service itself. */
    public static final String SERVICE_IDENTITY_TYPE = "Service";
    /** The {@link Identity#principalId()} of a change made by DynamoDB itself (time to live). */
    public static final String DYNAMODB_PRINCIPAL = "dynamodb.amazonaws.com";

    private final String shardId;
    private final String sequenceNumber;
    private final String eventId;
    private final ChangeFeedEventType type;
    private final Map<String, AttributeValue> keys;
    private final @Nullable Map<String, AttributeValue> newImage;
    private final @Nullable Map<String, AttributeValue> oldImage;
    private final Instant approximateCreationTime;
    private final @Nullable Identity userIdentity;
    private final @Nullable DocumentDecoder decoder;

    /**
     * A change; every runner makes them from stream records, so construct one yourself only to test a handler.
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
     * @param decoder         what {@link #newDocument} and {@link #oldDocument} decode with, or null (they then throw)
     */
    public CdcChange(
            String shardId,
            String sequenceNumber,
            String eventId,
            ChangeFeedEventType type,
            Map<String, AttributeValue> keys,
            @Nullable Map<String, AttributeValue> newImage,
            @Nullable Map<String, AttributeValue> oldImage,
            Instant approximateCreationTime,
            @Nullable Identity userIdentity,
            @Nullable DocumentDecoder decoder) {
        this.shardId = shardId;
        this.sequenceNumber = sequenceNumber;
        this.eventId = eventId;
        this.type = type;
        this.keys = keys;
        this.newImage = newImage;
        this.oldImage = oldImage;
        this.approximateCreationTime = approximateCreationTime;
        this.userIdentity = userIdentity;
        this.decoder = decoder;
    }

    /** The shard it was read from (for Lambda, the stream ARN: Lambda events do not carry the shard). */
    public String shardId() {
        return shardId;
    }

    /** DynamoDB's sequence number (increasing within a shard). */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** The record's unique id (a key for de-duplicating redeliveries). */
    public String eventId() {
        return eventId;
    }

    /** Created, updated or deleted. */
    public ChangeFeedEventType type() {
        return type;
    }

    /** The item's key attributes. */
    public Map<String, AttributeValue> keys() {
        return keys;
    }

    /** The item after the change, or null (deletes, or a stream view type without it). */
    public @Nullable Map<String, AttributeValue> newImage() {
        return newImage;
    }

    /** The item before the change, or null (creates, or a stream view type without it). */
    public @Nullable Map<String, AttributeValue> oldImage() {
        return oldImage;
    }

    /** When DynamoDB recorded the change (rounded down). */
    public Instant approximateCreationTime() {
        return approximateCreationTime;
    }

    /**
     * Who made the change when it was not a caller's request, else null: for a deletion by time to
     * live, type {@value #SERVICE_IDENTITY_TYPE} and principal {@value #DYNAMODB_PRINCIPAL}.
     */
    public @Nullable Identity userIdentity() {
        return userIdentity;
    }

    /**
     * The item after the change as a document of {@code type}, decoded by the runner's
     * {@link DocumentDecoder}; null when there is no new image (deletes, or a view type without it).
     * Decoded anew on each call.
     *
     * @throws IllegalArgumentException if {@code type} is null
     * @throws IllegalStateException if the runner was given no document decoder
     */
    public <T> @Nullable T newDocument(Class<T> type) {
        return document(newImage, type);
    }

    /**
     * The item before the change as a document of {@code type}, decoded by the runner's
     * {@link DocumentDecoder}; null when there is no old image (creates, or a view type without it).
     * Decoded anew on each call.
     *
     * @throws IllegalArgumentException if {@code type} is null
     * @throws IllegalStateException if the runner was given no document decoder
     */
    public <T> @Nullable T oldDocument(Class<T> type) {
        return document(oldImage, type);
    }

    private <T> @Nullable T document(@Nullable Map<String, AttributeValue> image, Class<T> documentType) {
        if (documentType == null) {
            throw new IllegalArgumentException("type must not be null");
        }
        if (decoder == null) {
            throw new IllegalStateException(
                    "no document decoder to read changes as documents: give the CDC runner one, "
                            + "e.g. documentDecoder(provider.documentCodec()::fromItem) on its builder, or as the CdcLambdaHandler "
                            + "constructor's second argument (the Spring starter passes the provider's mapper itself)");
        }
        return image == null ? null : decoder.decode(image, documentType);
    }

    /**
     * Whether DynamoDB deleted the item because its time to live passed (a {@link ChangeFeedEventType#DELETED}
     * change whose user identity is the service {@value #DYNAMODB_PRINCIPAL}), not a caller's delete.
     */
    public boolean isTimeToLiveDeletion() {
        return type == ChangeFeedEventType.DELETED
                && userIdentity != null
                && SERVICE_IDENTITY_TYPE.equals(userIdentity.type())
                && DYNAMODB_PRINCIPAL.equals(userIdentity.principalId());
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof CdcChange that
                && Objects.equals(shardId, that.shardId)
                && Objects.equals(sequenceNumber, that.sequenceNumber)
                && Objects.equals(eventId, that.eventId)
                && type == that.type
                && Objects.equals(keys, that.keys)
                && Objects.equals(newImage, that.newImage)
                && Objects.equals(oldImage, that.oldImage)
                && Objects.equals(approximateCreationTime, that.approximateCreationTime)
                && Objects.equals(userIdentity, that.userIdentity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                shardId,
                sequenceNumber,
                eventId,
                type,
                keys,
                newImage,
                oldImage,
                approximateCreationTime,
                userIdentity);
    }

    @Override
    public String toString() {
        return "CdcChange[shardId=" + shardId + ", sequenceNumber=" + sequenceNumber + ", eventId=" + eventId
                + ", type=" + type
                + ", keys=" + keys + ", newImage=" + newImage + ", oldImage=" + oldImage + ", approximateCreationTime="
                + approximateCreationTime + ", userIdentity=" + userIdentity + "]";
    }
}
