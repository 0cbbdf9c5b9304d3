package dev.excalibur.cdc.dynamodb;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CdcChangeTest {

    private static final Identity DYNAMODB = Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build();

    @Test
    void onlyARemoveMadeByDynamoDbItselfIsADeletionByTimeToLive() {
        List<CdcChange> changes = CdcChange.fromRecords("shard", List.of(
                record("1", OperationType.REMOVE, DYNAMODB),
                record("2", OperationType.REMOVE, null),
                record("3", OperationType.REMOVE, Identity.builder().type("Service").principalId("other.amazonaws.com").build()),
                record("4", OperationType.INSERT, DYNAMODB)));

        assertThat(changes).extracting(CdcChange::isTimeToLiveDeletion).containsExactly(true, false, false, false);
        assertThat(changes.get(0).userIdentity()).isEqualTo(DYNAMODB);
        assertThat(changes.get(1).userIdentity()).isNull();
    }

    private static Record record(String sequenceNumber, OperationType type, Identity identity) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("a"));
        return Record.builder().eventID("event-" + sequenceNumber).eventName(type).userIdentity(identity)
                .dynamodb(d -> {
                    d.sequenceNumber(sequenceNumber).keys(key);
                    if (type == OperationType.REMOVE) {
                        d.oldImage(key);
                    } else {
                        d.newImage(key);
                    }
                }).build();
    }
}
