package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@link DocumentCodec} contract over an {@link ItemBinding}: argument checks, the object-only rule, the
 * bookkeeping attributes left out, and the failure types. The Jackson codecs extend it with their binding.
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

    protected JacksonCodecBase(ItemBinding binding) {
        this.binding = Objects.requireNonNull(binding, "binding must not be null");
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
}
