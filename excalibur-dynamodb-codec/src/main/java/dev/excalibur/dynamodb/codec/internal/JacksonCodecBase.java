package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@link DocumentCodec} contract over an {@link ItemBinding}: argument checks, the object-only rule, the
 * bookkeeping attributes left out, and the failure types. The Jackson codecs extend it with their binding. With
 * the codec's default mapper, plain records map through a {@code RecordMapper} (made once per type) and fall
 * back to Jackson for anything it cannot map exactly as Jackson does.
 */
@InternalApi
public abstract class JacksonCodecBase implements DocumentCodec {

    private static final AttributeValue NULL_VALUE = AttributeValue.fromNul(true);
    /** The item size assumed for a type before its first document (what a default HashMap holds). */
    private static final int DEFAULT_ITEM_SIZE = 12;

    private final ItemBinding binding;
    private final PerType<Set<String>> propertyNames = new PerType<>(this::knownProperties);
    /**
     * The number of attributes of the last item written per document type, to size the next one's map: a
     * one-element array, written and read without synchronization (a stale size only costs a resize).
     */
    private final PerType<int[]> itemSizes = new PerType<>(type -> new int[] {DEFAULT_ITEM_SIZE});
    /** The direct mapper per record type (empty where Jackson maps the type); null when every type goes to Jackson. */
    private final @Nullable PerType<Optional<RecordMapper>> records;

    protected JacksonCodecBase(ItemBinding binding) {
        this(binding, true);
    }

    private JacksonCodecBase(ItemBinding binding, boolean direct) {
        this.binding = Objects.requireNonNull(binding, "binding must not be null");
        this.records = direct ? new PerType<>(this::recordMapper) : null;
    }

    /**
     * This codec with every document mapped by Jackson, never by the direct record path: what the direct path
     * is compared with in tests.
     */
    public final DocumentCodec jacksonOnly() {
        return new JacksonOnly(binding);
    }

    /** Whether documents of the type map through the direct record path rather than through Jackson. */
    public final boolean mapsDirectly(Class<?> type) {
        return direct(type) != null;
    }

    private Optional<RecordMapper> recordMapper(Class<?> type) {
        // asked per type, as a Jackson 2 mapper may be reconfigured after the codec is made
        if (!binding.defaultMapper()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(RecordMapper.of(type, binding));
        } catch (RuntimeException e) {
            // a type Jackson cannot introspect (conflicting properties, say): Jackson reports it when mapping
            return Optional.empty();
        }
    }

    private @Nullable RecordMapper direct(Class<?> type) {
        return records == null ? null : records.get(type).orElse(null);
    }

    private Set<String> knownProperties(Class<?> type) {
        if (Map.class.isAssignableFrom(type) || type == Object.class) {
            return Set.of();
        }
        return Set.copyOf(binding.propertyNames(type));
    }

    @Override
    public final Map<String, AttributeValue> toItem(Object document) {
        Objects.requireNonNull(document, "document must not be null");
        RecordMapper direct = direct(document.getClass());
        if (direct != null) {
            Map<String, AttributeValue> item = direct.write(document);
            if (item != null) {
                return item;
            }
        }
        int[] itemSize = itemSizes.get(document.getClass());
        ItemWriter writer = new ItemWriter(itemSize[0]);
        try {
            binding.write(document, writer);
        } catch (IOException | RuntimeException e) {
            throw failure(
                    e,
                    "could not serialize document of type "
                            + document.getClass().getName());
        }
        Map<String, AttributeValue> item = writer.item();
        if (item == null) {
            throw new IllegalArgumentException("document of type "
                    + document.getClass().getName() + " must serialize to a JSON object, not " + writer.rootToken());
        }
        itemSize[0] = item.size();
        return item;
    }

    @Override
    public final AttributeValue toAttributeValue(@Nullable Object value) {
        if (value == null) {
            return NULL_VALUE;
        }
        if (value instanceof String) {
            return AttributeValue.fromS((String) value);
        }
        if (value instanceof Boolean) {
            return AttributeValue.fromBool((Boolean) value);
        }
        AttributeValue mapped = toItem(Collections.singletonMap("value", value)).get("value");
        return mapped == null ? NULL_VALUE : mapped;
    }

    @Override
    public final <T> T fromItem(Map<String, AttributeValue> item, Class<T> type) {
        return fromItem(item, type, Set.of());
    }

    @Override
    public final <T> T fromItem(Map<String, AttributeValue> item, Class<T> type, Set<String> unlessProperty) {
        Objects.requireNonNull(item, "item must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(unlessProperty, "unlessProperty must not be null");
        // the direct path reads only the type's properties: other attributes, named or not, are ignored
        RecordMapper direct = direct(type);
        if (direct != null) {
            Object read = direct.read(item);
            if (read != RecordMapper.UNMAPPED) {
                return type.cast(read);
            }
        }
        Set<String> known = unlessProperty.isEmpty() ? Set.of() : propertyNames.get(type);
        try {
            return binding.read(new ItemCursor(item, unlessProperty, known), type);
        } catch (IOException | RuntimeException e) {
            throw failure(e, "could not map item to " + type.getName() + ": " + e.getMessage());
        }
    }

    /**
     * Our own argument errors pass through Jackson's wrapping; anything else is an {@link UncheckedIOException}
     * (Jackson 3's unchecked exceptions wrapped in an {@link IOException} first).
     */
    private static RuntimeException failure(Exception e, String message) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException || cause instanceof UnsupportedOperationException) {
                return (RuntimeException) cause;
            }
        }
        return new UncheckedIOException(message, e instanceof IOException ? (IOException) e : new IOException(e));
    }

    /** The same binding, every document through Jackson. */
    private static final class JacksonOnly extends JacksonCodecBase {

        JacksonOnly(ItemBinding binding) {
            super(binding, false);
        }
    }
}
