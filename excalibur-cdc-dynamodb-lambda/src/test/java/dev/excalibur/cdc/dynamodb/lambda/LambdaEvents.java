package dev.excalibur.cdc.dynamodb.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** Builds the {@link DynamodbEvent} Lambda would deliver for stream records read with the SDK. */
final class LambdaEvents {

    private LambdaEvents() {}

    static DynamodbEvent event(String streamArn, String region, List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>(records.size());
        for (Record record : records) {
            converted.add(record(streamArn, region, record));
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    static DynamodbEvent.DynamodbStreamRecord record(String streamArn, String region, Record record) {
        var sdk = record.dynamodb();
        StreamRecord data = new StreamRecord();
        data.setKeys(map(sdk.keys()));
        if (sdk.hasNewImage()) {
            data.setNewImage(map(sdk.newImage()));
        }
        if (sdk.hasOldImage()) {
            data.setOldImage(map(sdk.oldImage()));
        }
        data.setSequenceNumber(sdk.sequenceNumber());
        data.setSizeBytes(sdk.sizeBytes());
        data.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(
                sdk.streamViewTypeAsString()));
        data.setApproximateCreationDateTime(Date.from(sdk.approximateCreationDateTime()));

        DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
        lambda.setEventID(record.eventID());
        lambda.setEventName(record.eventNameAsString());
        lambda.setEventVersion(record.eventVersion());
        lambda.setEventSource("aws:dynamodb");
        lambda.setEventSourceARN(streamArn);
        lambda.setAwsRegion(region);
        lambda.setDynamodb(data);
        return lambda;
    }

    private static Map<String, AttributeValue> map(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> values) {
        Map<String, AttributeValue> converted = new LinkedHashMap<>();
        values.forEach((name, value) -> converted.put(name, value(value)));
        return converted;
    }

    private static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        AttributeValue converted = new AttributeValue();
        switch (value.type()) {
            case S -> converted.setS(value.s());
            case N -> converted.setN(value.n());
            case B -> converted.setB(bytes(value.b()));
            case BOOL -> converted.setBOOL(value.bool());
            case NUL -> converted.setNULL(value.nul());
            case SS -> converted.setSS(value.ss());
            case NS -> converted.setNS(value.ns());
            case BS ->
                converted.setBS(value.bs().stream().map(LambdaEvents::bytes).toList());
            case L -> converted.setL(value.l().stream().map(LambdaEvents::value).toList());
            case M -> converted.setM(map(value.m()));
            default -> throw new IllegalArgumentException("unexpected attribute type " + value.type());
        }
        return converted;
    }

    private static ByteBuffer bytes(SdkBytes bytes) {
        return ByteBuffer.wrap(bytes.asByteArray());
    }
}
