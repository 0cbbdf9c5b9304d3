package dev.excalibur.data.dynamodb.internal;

import dev.excalibur.data.InternalApi;

/** Key parts of the snapshot and grant stores: checked before any call, and put together so that every key parses one way. */
@InternalApi
public final class StoreKeys {

    private StoreKeys() {}

    /** The value, if it is not blank. */
    public static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Refuses a blank tenant id (null means no tenant). */
    public static void requireTenant(String tenantId) {
        if (tenantId != null && tenantId.isBlank()) {
            throw new IllegalArgumentException("tenantId must not be blank (use null for no tenant)");
        }
    }

    /** {@code <length>:<value>}: a key part whose end is known whatever characters it holds. */
    public static String lengthPrefixed(String value) {
        return value.length() + ":" + value;
    }
}
