package dev.excalibur.dynamodb.codec.jackson2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.excalibur.dynamodb.codec.internal.ItemBinding;
import dev.excalibur.dynamodb.codec.internal.ItemCursor;
import dev.excalibur.dynamodb.codec.internal.ItemWriter;
import dev.excalibur.dynamodb.codec.internal.PerType;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Jackson 2's side of the codec: cached readers and writers per type, run over our generator and parser. */
final class Jackson2Binding implements ItemBinding {

    private final ObjectMapper mapper;
    /** Whether the mapper is the codec's own {@link Jackson2DocumentCodec#defaultObjectMapper()}. */
    private final boolean defaultMapper;

    private final PerType<ObjectWriter> writers;
    private final PerType<ObjectReader> readers;

    Jackson2Binding(ObjectMapper mapper, boolean defaultMapper) {
        this.mapper = mapper;
        this.defaultMapper = defaultMapper;
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
        return new HashSet<>(names(mapper.getDeserializationConfig().introspect(mapper.constructType(type)), false));
    }

    @Override
    public List<String> writtenPropertyNames(Class<?> type) {
        return names(mapper.getSerializationConfig().introspect(mapper.constructType(type)), true);
    }

    private static List<String> names(BeanDescription description, boolean written) {
        List<String> names = new ArrayList<>();
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (!written || property.couldSerialize()) {
                names.add(property.getName());
            }
        }
        return names;
    }

    /** Also checks the configuration, as a Jackson 2 mapper can be reconfigured after the codec is made. */
    @Override
    public boolean defaultMapper() {
        JsonInclude.Include inclusion =
                mapper.getSerializationConfig().getDefaultPropertyInclusion().getValueInclusion();
        return defaultMapper
                && mapper.mixInCount() == 0
                && mapper.getPropertyNamingStrategy() == null
                && (inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS)
                && !mapper.isEnabled(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
                && !mapper.isEnabled(SerializationFeature.WRITE_ENUMS_USING_INDEX)
                && !mapper.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Jackson's annotations and the {@code java.beans} ones it honours ({@code @ConstructorProperties}, ...). */
    @Override
    public boolean readsAnnotation(Class<? extends Annotation> type) {
        String name = type.getName();
        return name.startsWith("com.fasterxml.jackson.") || name.startsWith("java.beans.");
    }
}
