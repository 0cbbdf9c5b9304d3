package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;

/**
 * What one Jackson version does for {@link JacksonCodecBase}: serialize into a writer, deserialize from a cursor,
 * and answer the questions that decide whether a record may skip Jackson (see {@code RecordMapper}).
 */
@InternalApi
public interface ItemBinding {

    /** Serializes the document into the writer (through a generator over it). */
    void write(Object document, ItemWriter writer) throws IOException;

    /** Deserializes a value of the type from the cursor (through a parser over it). */
    <T> T read(ItemCursor cursor, Class<T> type) throws IOException;

    /** The names of the properties the type deserializes (empty for maps and {@code Object}). */
    Set<String> propertyNames(Class<?> type);

    /** The names of the properties the type serializes, in the order they are written. */
    List<String> writtenPropertyNames(Class<?> type);

    /**
     * Whether the mapper is the codec's own default one, configured as built (no mix-ins, no naming strategy,
     * nulls included, enums by name, dates as ISO-8601 text): only then may records skip Jackson.
     */
    boolean defaultMapper();

    /** Whether the mapper reads annotations of this type (Jackson's own, say). */
    boolean readsAnnotation(Class<? extends Annotation> type);
}
