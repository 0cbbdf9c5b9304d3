package dev.excalibur.sample;

import dev.excalibur.data.cloudnative.PartitionKey;
import java.util.regex.Pattern;

/** A customer's partition: the customer's orders, order lines and account events live together. */
public final class Customers {

    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private Customers() {}

    /**
     * The partition of a customer.
     *
     * @throws IllegalArgumentException unless the id is 1 to 64 letters, digits or dashes
     */
    public static PartitionKey partition(String customerId) {
        if (customerId == null || !CUSTOMER_ID.matcher(customerId).matches()) {
            throw new IllegalArgumentException(
                    "customerId must be 1 to 64 letters, digits or dashes but was '" + customerId + "'");
        }
        return PartitionKey.of("CUSTOMER#" + customerId);
    }
}
