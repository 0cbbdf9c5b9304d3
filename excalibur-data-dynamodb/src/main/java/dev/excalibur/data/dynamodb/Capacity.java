package dev.excalibur.data.dynamodb;

import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/** Consumed capacity as the request charge of results: units DynamoDB reported, 0 when it reported none. */
final class Capacity {

    private Capacity() {}

    static double units(@Nullable ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    static double units(List<ConsumedCapacity> capacities) {
        double total = 0;
        for (ConsumedCapacity capacity : capacities) {
            total += units(capacity);
        }
        return total;
    }
}
