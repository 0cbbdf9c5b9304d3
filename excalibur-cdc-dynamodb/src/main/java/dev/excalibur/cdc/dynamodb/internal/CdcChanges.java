package dev.excalibur.cdc.dynamodb.internal;

import dev.excalibur.cdc.dynamodb.CdcChange;
import dev.excalibur.cdc.dynamodb.DocumentDecoder;
import dev.excalibur.data.InternalApi;
import dev.excalibur.data.cloudnative.changefeed.ChangeFeedEventType;
import dev.excalibur.dynamodb.streams.internal.StreamRecords;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** Stream records as every CDC runner hands them to the handler. */
@InternalApi
public final class CdcChanges {

    private static final Logger LOG = LoggerFactory.getLogger(CdcChanges.class);

    private CdcChanges() {}

    /**
     * The changes of stream records read from one shard, in order, decoding documents with
     * {@code decoder} (null: none); a record with an event name this version does not know is
     * skipped (logged).
     */
    public static List<CdcChange> fromRecords(String shardId, List<Record> records, DocumentDecoder decoder) {
        List<CdcChange> changes = new ArrayList<>(records.size());
        for (Record record : records) {
            ChangeFeedEventType type = StreamRecords.typeOf(record);
            if (type == null) {
                LOG.warn(
                        "skipping stream record {} of shard {} with unknown event name '{}'",
                        record.eventID(),
                        shardId,
                        record.eventNameAsString());
                continue;
            }
            StreamRecord data = record.dynamodb();
            changes.add(new CdcChange(
                    shardId,
                    data.sequenceNumber(),
                    record.eventID(),
                    type,
                    data.keys(),
                    data.hasNewImage() ? data.newImage() : null,
                    data.hasOldImage() ? data.oldImage() : null,
                    data.approximateCreationDateTime(),
                    record.userIdentity(),
                    decoder));
        }
        return changes;
    }
}
