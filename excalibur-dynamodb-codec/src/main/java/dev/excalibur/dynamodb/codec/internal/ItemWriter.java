package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds DynamoDB attribute values from the write events of a serializer: objects become M (in write order),
 * arrays L, strings S, numbers N (plain decimal text, checked against DynamoDB's number rules), booleans BOOL,
 * null NULL, binary B. A Jackson generator forwards its events here after checking their order, so events
 * arrive well-formed: a name before each value inside an object. One document per instance; not thread-safe.
 */
@InternalApi
public final class ItemWriter {

    private static final int MAX_DEPTH = 64;
    /** Most documents nest a few levels; the stacks grow (doubling) up to {@link #MAX_DEPTH}. */
    private static final int INITIAL_DEPTH = 8;
    /** Nested objects are usually small: a map sized for this many properties (HashMap's default capacity). */
    private static final int NESTED_OBJECT_SIZE = 12;

    private static final int MAX_DIGITS = 38;
    private static final int MAX_EXPONENT = 125;
    private static final int MIN_EXPONENT = -130;
    static final AttributeValue NULL = AttributeValue.fromNul(true);
    static final AttributeValue TRUE = AttributeValue.fromBool(true);
    static final AttributeValue FALSE = AttributeValue.fromBool(false);

    /** Open containers: a {@code Map<String, AttributeValue>} per object, a {@code List<AttributeValue>} per array. */
    private Object[] containers = new Object[INITIAL_DEPTH];
    /** The name of the value to come in each open object (null in arrays). */
    private @Nullable String[] names = new String[INITIAL_DEPTH];

    private final int itemSize;
    private int depth = -1;
    private @Nullable Map<String, AttributeValue> item;
    private @Nullable ItemToken rootToken;

    /** A writer for a document of about {@code itemSize} top-level properties (its item's map is sized for them). */
    public ItemWriter(int itemSize) {
        this.itemSize = itemSize;
    }

    /** The item written, or null when the document was not an object. */
    public @Nullable Map<String, AttributeValue> item() {
        return item;
    }

    /** The first token written at the top level ({@link ItemToken#START_OBJECT} for a document). */
    public @Nullable ItemToken rootToken() {
        return rootToken;
    }

    public void startObject() {
        push(
                new LinkedHashMap<String, AttributeValue>(capacity(depth < 0 ? itemSize : NESTED_OBJECT_SIZE)),
                ItemToken.START_OBJECT);
    }

    public void endObject() {
        @SuppressWarnings("unchecked")
        Map<String, AttributeValue> map = (Map<String, AttributeValue>) pop();
        if (depth < 0) {
            item = map;
        } else {
            add(AttributeValue.fromM(map));
        }
    }

    /** An array of {@code size} elements (a serializer's hint; a negative size is unknown). */
    public void startArray(int size) {
        push(size < 0 ? new ArrayList<AttributeValue>() : new ArrayList<AttributeValue>(size), ItemToken.START_ARRAY);
    }

    public void endArray() {
        @SuppressWarnings("unchecked")
        List<AttributeValue> list = (List<AttributeValue>) pop();
        if (depth >= 0) {
            add(AttributeValue.fromL(list));
        }
    }

    /** The name of the next value in the current object. */
    public void name(String name) {
        names[depth] = name;
    }

    /** A string; null is NULL (as for the object-typed numbers below). */
    public void string(@Nullable String text) {
        if (text == null) {
            nul();
            return;
        }
        value(AttributeValue.fromS(text), ItemToken.VALUE_STRING);
    }

    public void bool(boolean state) {
        value(state ? TRUE : FALSE, state ? ItemToken.VALUE_TRUE : ItemToken.VALUE_FALSE);
    }

    public void nul() {
        value(NULL, ItemToken.VALUE_NULL);
    }

    /** A binary value: a copy of {@code length} bytes of {@code data} from {@code offset}. */
    public void binary(byte[] data, int offset, int length) {
        value(
                AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(Arrays.copyOfRange(data, offset, offset + length))),
                ItemToken.VALUE_EMBEDDED_OBJECT);
    }

    public void number(int number) {
        integral(Integer.toString(number));
    }

    public void number(long number) {
        integral(Long.toString(number));
    }

    public void number(@Nullable BigInteger number) {
        if (number == null) {
            nul();
            return;
        }
        String text = integerText(number);
        if (text == null) {
            throw unstorable(new BigDecimal(number));
        }
        integral(text);
    }

    public void number(double number) {
        requireFinite(Double.isNaN(number) || Double.isInfinite(number), number);
        double magnitude = Math.abs(number);
        if (magnitude != 0 && (magnitude < 1e-130 || magnitude >= 1e126)) {
            requireStorable(new BigDecimal(number));
        }
        fraction(plain(Double.toString(number)));
    }

    public void number(float number) {
        requireFinite(Float.isNaN(number) || Float.isInfinite(number), number);
        fraction(plain(Float.toString(number)));
    }

    public void number(@Nullable BigDecimal number) {
        if (number == null) {
            nul();
            return;
        }
        String text = decimalText(number);
        if (text == null) {
            throw unstorable(number);
        }
        fraction(text);
    }

    /**
     * A number given as text (a serializer's own encoding), stored as given.
     *
     * @throws IllegalArgumentException if the text is not a decimal number, or not one DynamoDB can store
     */
    public void number(@Nullable String encoded) {
        if (encoded == null) {
            nul();
            return;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(encoded);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "property '" + currentName() + "' is '" + encoded + "', which is not a number", e);
        }
        requireStorable(number);
        fraction(encoded);
    }

    private void integral(String text) {
        value(AttributeValue.fromN(text), ItemToken.VALUE_NUMBER_INT);
    }

    private void fraction(String text) {
        value(AttributeValue.fromN(text), ItemToken.VALUE_NUMBER_FLOAT);
    }

    private void value(AttributeValue value, ItemToken token) {
        if (depth < 0) {
            if (rootToken == null) {
                rootToken = token;
            }
            return;
        }
        add(value);
    }

    @SuppressWarnings("unchecked")
    private void add(AttributeValue value) {
        Object container = containers[depth];
        String name = names[depth];
        if (name != null) {
            ((Map<String, AttributeValue>) container).put(name, value);
            names[depth] = null;
        } else {
            ((List<AttributeValue>) container).add(value);
        }
    }

    private void push(Object container, ItemToken token) {
        if (depth < 0 && rootToken == null) {
            rootToken = token;
        }
        if (depth + 1 == containers.length) {
            if (containers.length == MAX_DEPTH) {
                throw new IllegalArgumentException("document nests deeper than " + MAX_DEPTH
                        + " levels; DynamoDB allows at most 32 levels of maps and lists");
            }
            containers = Arrays.copyOf(containers, containers.length * 2);
            names = Arrays.copyOf(names, names.length * 2);
        }
        containers[++depth] = container;
    }

    private Object pop() {
        Object container = containers[depth];
        containers[depth--] = null;
        return container;
    }

    /** The name of the innermost property being written, for error messages. */
    private @Nullable String currentName() {
        for (int level = depth; level >= 0; level--) {
            if (names[level] != null) {
                return names[level];
            }
        }
        return null;
    }

    private void requireFinite(boolean notFinite, Object number) {
        if (notFinite) {
            throw new IllegalArgumentException(
                    "property '" + currentName() + "' is " + number + ", which DynamoDB cannot store as a number");
        }
    }

    private void requireStorable(BigDecimal number) {
        if (!storable(number)) {
            throw unstorable(number);
        }
    }

    /** The N text of a decimal (plain, every digit kept), or null when DynamoDB cannot store it. */
    static @Nullable String decimalText(BigDecimal number) {
        return storable(number) ? number.toPlainString() : null;
    }

    /** The N text of an integer, or null when DynamoDB cannot store it. */
    static @Nullable String integerText(BigInteger number) {
        return number.bitLength() <= 120 || storable(new BigDecimal(number)) ? number.toString() : null;
    }

    /**
     * DynamoDB's number rules: at most 38 significant digits, and a magnitude from 1E-130 up to (not
     * including) 1E+126, or zero.
     */
    private static boolean storable(BigDecimal number) {
        if (number.signum() == 0) {
            return true;
        }
        // trailing zeros do not change the magnitude: most numbers pass without stripping them (which copies)
        int magnitude = number.precision() - number.scale() - 1;
        if (number.precision() <= MAX_DIGITS && magnitude <= MAX_EXPONENT && magnitude >= MIN_EXPONENT) {
            return true;
        }
        BigDecimal significant = number.stripTrailingZeros();
        int exponent = significant.precision() - significant.scale() - 1;
        return significant.precision() <= MAX_DIGITS && exponent <= MAX_EXPONENT && exponent >= MIN_EXPONENT;
    }

    private IllegalArgumentException unstorable(BigDecimal number) {
        BigDecimal significant = number.stripTrailingZeros();
        int digits = significant.precision();
        int exponent = digits - significant.scale() - 1;
        return new IllegalArgumentException("property '" + currentName() + "' is " + number + " (" + digits
                + " significant digits, magnitude 1E" + exponent + "): DynamoDB numbers hold at most "
                + MAX_DIGITS + " significant digits and a magnitude from 1E" + MIN_EXPONENT + " to below 1E"
                + (MAX_EXPONENT + 1));
    }

    /** The initial capacity of a hash map that holds {@code size} entries without growing. */
    private static int capacity(int size) {
        return (int) (size / 0.75f) + 1;
    }

    private static String plain(String decimal) {
        return decimal.indexOf('E') < 0 ? decimal : new BigDecimal(decimal).toPlainString();
    }
}
