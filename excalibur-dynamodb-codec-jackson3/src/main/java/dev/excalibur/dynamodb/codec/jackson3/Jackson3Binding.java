package dev.excalibur.dynamodb.codec.jackson3;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.excalibur.dynamodb.codec.internal.ItemBinding;
import dev.excalibur.dynamodb.codec.internal.ItemCursor;
import dev.excalibur.dynamodb.codec.internal.ItemWriter;
import dev.excalibur.dynamodb.codec.internal.PerType;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.introspect.BeanPropertyDefinition;

/** Jackson 3's side of the codec: cached readers and writers per type, run over our generator and parser. */
final class Jackson3Binding implements ItemBinding {

    private final ObjectMapper mapper;
    /** Whether the mapper is the codec's own {@link Jackson3DocumentCodec#defaultJsonMapper()}. */
    private final boolean defaultMapper;

    private final PerType<ObjectWriter> writers;
    private final PerType<ObjectReader> readers;

    Jackson3Binding(ObjectMapper mapper, boolean defaultMapper) {
        this.mapper = mapper;
        this.defaultMapper = defaultMapper;
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
        return new HashSet<>(
                names(mapper._deserializationContext().introspectBeanDescription(mapper.constructType(type)), false));
    }

    @Override
    public List<String> writtenPropertyNames(Class<?> type) {
        return names(mapper._serializationContext().introspectBeanDescription(mapper.constructType(type)), true);
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

    /** The default mapper is immutable; its configuration is checked all the same. */
    @Override
    public boolean defaultMapper() {
        JsonInclude.Include inclusion =
                mapper.serializationConfig().getDefaultPropertyInclusion().getValueInclusion();
        return defaultMapper
                && !mapper.serializationConfig().hasMixIns()
                && mapper.serializationConfig().getPropertyNamingStrategy() == null
                && (inclusion == JsonInclude.Include.ALWAYS || inclusion == JsonInclude.Include.USE_DEFAULTS)
                && !mapper.isEnabled(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                && !mapper.isEnabled(EnumFeature.WRITE_ENUMS_USING_INDEX)
                && !mapper.isEnabled(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                && !mapper.isEnabled(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Jackson's annotations (version 2's, which Jackson 3 keeps, and 3's) and the {@code java.beans} ones. */
    @Override
    public boolean readsAnnotation(Class<? extends Annotation> type) {
        String name = type.getName();
        return name.startsWith("com.fasterxml.jackson.")
                || name.startsWith("tools.jackson.")
                || name.startsWith("java.beans.");
    }
}
