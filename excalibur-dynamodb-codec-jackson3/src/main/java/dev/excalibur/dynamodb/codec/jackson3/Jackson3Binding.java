package dev.excalibur.dynamodb.codec.jackson3;

import dev.excalibur.dynamodb.codec.internal.ItemBinding;
import dev.excalibur.dynamodb.codec.internal.ItemCursor;
import dev.excalibur.dynamodb.codec.internal.ItemWriter;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.introspect.BeanPropertyDefinition;

/** Jackson 3's side of the codec: cached readers and writers per type, run over our generator and parser. */
final class Jackson3Binding implements ItemBinding {

    private final ObjectMapper mapper;
    private final ClassValue<ObjectWriter> writers = new ClassValue<>() {
        @Override
        protected ObjectWriter computeValue(Class<?> type) {
            return mapper.writerFor(type);
        }
    };
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

    Jackson3Binding(ObjectMapper mapper) {
        this.mapper = mapper;
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
