package dev.excalibur.dynamodb.codec.jackson2;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.excalibur.dynamodb.codec.internal.ItemBinding;
import dev.excalibur.dynamodb.codec.internal.ItemCursor;
import dev.excalibur.dynamodb.codec.internal.ItemWriter;
import dev.excalibur.dynamodb.codec.internal.PerType;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/** Jackson 2's side of the codec: cached readers and writers per type, run over our generator and parser. */
final class Jackson2Binding implements ItemBinding {

    private final ObjectMapper mapper;
    private final PerType<ObjectWriter> writers;
    private final PerType<ObjectReader> readers;

    Jackson2Binding(ObjectMapper mapper) {
        this.mapper = mapper;
        this.writers = new PerType<>(mapper::writerFor);
        this.readers = new PerType<>(mapper::readerFor);
    }

    @Override
    public void write(Object document, ItemWriter writer) throws IOException {
        writers.get(document.getClass()).writeValue(new ItemGenerator(mapper, writer), document);
    }

    @Override
    public <T> T read(ItemCursor cursor, Class<T> type) throws IOException {
        return readers.get(type).readValue(new ItemParser(cursor, mapper));
    }

    @Override
    public Set<String> propertyNames(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (BeanPropertyDefinition property : mapper.getDeserializationConfig()
                .introspect(mapper.constructType(type))
                .findProperties()) {
            names.add(property.getName());
        }
        return names;
    }
}
