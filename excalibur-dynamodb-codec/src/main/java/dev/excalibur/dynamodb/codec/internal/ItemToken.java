package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;

/**
 * The token kinds of a document as {@link ItemWriter} receives them and {@link ItemCursor} produces them. The
 * names are Jackson 3's {@code JsonToken} names (Jackson 2 calls {@link #PROPERTY_NAME} {@code FIELD_NAME}).
 */
@InternalApi
public enum ItemToken {
    START_OBJECT,
    END_OBJECT,
    START_ARRAY,
    END_ARRAY,
    PROPERTY_NAME,
    VALUE_STRING,
    VALUE_NUMBER_INT,
    VALUE_NUMBER_FLOAT,
    VALUE_TRUE,
    VALUE_FALSE,
    VALUE_NULL,
    VALUE_EMBEDDED_OBJECT
}
