package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;
import java.io.IOException;
import java.util.Set;

/** What one Jackson version does for {@link JacksonCodecBase}: serialize into a writer, deserialize from a cursor. */
@InternalApi
public interface ItemBinding {

    /** Serializes the document into the writer (through a generator over it). */
    void write(Object document, ItemWriter writer) throws IOException;

    /** Deserializes a value of the type from the cursor (through a parser over it). */
    <T> T read(ItemCursor cursor, Class<T> type) throws IOException;

    /** The names of the properties the type deserializes (empty for maps and {@code Object}). */
    Set<String> propertyNames(Class<?> type);
}
