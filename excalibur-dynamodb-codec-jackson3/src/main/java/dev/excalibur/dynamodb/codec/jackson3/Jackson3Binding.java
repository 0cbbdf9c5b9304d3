package dev.excalibur.dynamodb.codec.jackson3;

import dev.excalibur.dynamodb.codec.internal.ItemBinding;
import dev.excalibur.dynamodb.codec.internal.ItemCursor;
import dev.excalibur.dynamodb.codec.internal.ItemWriter;
import dev.excalibur.dynamodb.codec.internal.PerType;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.introspect.BeanPropertyDefinition;

/** Jackson 3's side of the codec: cached readers and writers per type, run over our generator and parser. */
final class Jackson3Binding implements ItemBinding {

    private final ObjectMapper mapper;
    private final PerType<ObjectWriter> writers;
    private final PerType<ObjectReader> readers;

    Jackson3Binding(ObjectMapper mapper) {
        this.mapper = mapper;
        this.writers = new PerType<>(mapper::writerFor);
        this.readers = new PerType<>(mapper::readerFor);
    }

    @Override
    public void write(Object document, ItemWriter writer) {
        writers.get(document.getClass()).writeValue(new ItemGenerator(writer), document);
    }

    @Override
    public <T> T read(ItemCursor cursor, Class<T> type) {
        return readers.get(type).readValue(new ItemParser(cursor));
    }

    @Override
    public Set<String> propertyNames(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (BeanPropertyDefinition property : mapper._deserializationContext()
                .introspectBeanDescription(mapper.constructType(type))
                .findProperties()) {
            names.add(property.getName());
        }
        return names;
    }
}
