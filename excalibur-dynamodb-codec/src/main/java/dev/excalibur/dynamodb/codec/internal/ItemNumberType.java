package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;

/** The smallest exact Java type of a DynamoDB number; the names are Jackson's {@code NumberType} names. */
@InternalApi
public enum ItemNumberType {
    INT,
    LONG,
    BIG_INTEGER,
    BIG_DECIMAL
}
