package dev.excalibur.cdc.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.cdc.dynamodb.internal.CdcChanges;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

class CdcChangeTest {

    private static final Identity DYNAMODB = Identity.builder()
            .type("Service")
            .principalId("dynamodb.amazonaws.com")
            .build();

    /** A document of the tests: the item's partition key. */
    record Keyed(String pk) {}

    /** Decodes an item into {@link Keyed} (the only type the tests ask for). */
    static final class KeyedDecoder implements DocumentDecoder {
        @Override
        public <T> T decode(Map<String, AttributeValue> item, Class<T> type) {
            return type.cast(new Keyed(item.get("pk").s()));
        }
    }

    @Test
    void onlyARemoveMadeByDynamoDbItselfIsADeletionByTimeToLive() {
        List<CdcChange> changes = CdcChanges.fromRecords(
                "shard",
                List.of(
                        record("1", OperationType.REMOVE, DYNAMODB),
                        record("2", OperationType.REMOVE, null),
                        record(
                                "3",
                                OperationType.REMOVE,
                                Identity.builder()
                                        .type("Service")
                                        .principalId("other.amazonaws.com")
                                        .build()),
                        record("4", OperationType.INSERT, DYNAMODB)),
                null);

        assertThat(changes).extracting(CdcChange::isTimeToLiveDeletion).containsExactly(true, false, false, false);
        assertThat(changes.get(0).userIdentity()).isEqualTo(DYNAMODB);
        assertThat(changes.get(1).userIdentity()).isNull();
    }

    @Test
    void documentsAreDecodedFromTheImagesWithTheRunnersDecoderAndAreNullWithoutTheImage() {
        List<CdcChange> changes = CdcChanges.fromRecords(
                "shard",
                List.of(record("1", OperationType.INSERT, null), record("2", OperationType.REMOVE, null)),
                new KeyedDecoder());

        assertThat(changes.get(0).newDocument(Keyed.class)).isEqualTo(new Keyed("a"));
        assertThat(changes.get(0).oldDocument(Keyed.class))
                .as("a create has no old image")
                .isNull();
        assertThat(changes.get(1).oldDocument(Keyed.class)).isEqualTo(new Keyed("a"));
        assertThat(changes.get(1).newDocument(Keyed.class))
                .as("a delete has no new image")
                .isNull();
        assertThatThrownBy(() -> changes.get(0).newDocument(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("type");
    }

    @Test
    void withoutADecoderReadingADocumentFailsSayingHowToConfigureOne() {
        List<CdcChange> changes = CdcChanges.fromRecords(
                "shard",
                List.of(record("1", OperationType.INSERT, null), record("2", OperationType.REMOVE, null)),
                null);

        for (CdcChange change : changes) {
            assertThatThrownBy(() -> change.newDocument(Keyed.class))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("documentDecoder(");
            assertThatThrownBy(() -> change.oldDocument(Keyed.class))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("documentDecoder(");
        }
    }

    @Test
    void theDecoderIsNoPartOfAChangesEquality() {
        List<Record> records = List.of(record("1", OperationType.INSERT, null));

        CdcChange withDecoder =
                CdcChanges.fromRecords("shard", records, new KeyedDecoder()).get(0);
        CdcChange without = CdcChanges.fromRecords("shard", records, null).get(0);

        assertThat(withDecoder).isEqualTo(without).hasSameHashCodeAs(without);
        assertThat(withDecoder)
                .isNotEqualTo(
                        CdcChanges.fromRecords("other-shard", records, null).get(0));
        assertThat(withDecoder.toString()).contains("sequenceNumber=1", "shardId=shard");
    }

    private static Record record(String sequenceNumber, OperationType type, Identity identity) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("a"));
        return Record.builder()
                .eventID("event-" + sequenceNumber)
                .eventName(type)
                .userIdentity(identity)
                .dynamodb(d -> {
                    d.sequenceNumber(sequenceNumber).keys(key);
                    if (type == OperationType.REMOVE) {
                        d.oldImage(key);
                    } else {
                        d.newImage(key);
                    }
                })
                .build();
    }
}
