package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Walks a DynamoDB item as the tokens of a JSON object, straight from the attribute values: M is an object,
 * L and the sets SS / NS / BS are arrays, N a number (integral unless its text has a fraction or an exponent),
 * B an embedded {@code byte[]}. Top-level attributes named in {@code omitted} are left out unless they are
 * among the target type's {@code propertyNames}. A Jackson parser reads its tokens and values from here. One
 * item per instance; not thread-safe.
 */
@InternalApi
public final class ItemCursor {

    private final Map<String, AttributeValue> item;
    private final Set<String> omitted;
    private final Set<String> propertyNames;

    /** Open containers: an entry iterator per object, the element list per array (read by index). */
    private Object[] containers = new Object[8];
    /** The index of the next element of each open array. */
    private int[] positions = new int[8];

    private int depth = -1;
    private boolean started;
    private @Nullable ItemToken token;
    private @Nullable String name;
    /** The value after the current property name, returned by the next call. */
    private @Nullable AttributeValue pending;
    /** The current scalar value. */
    private @Nullable AttributeValue value;

    public ItemCursor(Map<String, AttributeValue> item, Set<String> omitted, Set<String> propertyNames) {
        this.item = item;
        this.omitted = omitted;
        this.propertyNames = propertyNames;
    }

    /** The next token, or null after the item's closing {@link ItemToken#END_OBJECT}. */
    @SuppressWarnings("unchecked")
    public @Nullable ItemToken next() {
        if (!started) {
            started = true;
            push(item.entrySet().iterator());
            return token = ItemToken.START_OBJECT;
        }
        AttributeValue next = pending;
        if (next != null) {
            pending = null;
            return token = valueToken(next);
        }
        if (depth < 0) {
            return token = null;
        }
        Object container = containers[depth];
        if (container instanceof Iterator) {
            Iterator<?> iterator = (Iterator<?>) container;
            while (iterator.hasNext()) {
                Map.Entry<String, AttributeValue> entry = (Map.Entry<String, AttributeValue>) iterator.next();
                String key = entry.getKey();
                if (depth == 0 && omitted.contains(key) && !propertyNames.contains(key)) {
                    continue;
                }
                name = key;
                pending = entry.getValue();
                return token = ItemToken.PROPERTY_NAME;
            }
            containers[depth--] = null;
            return token = ItemToken.END_OBJECT;
        }
        List<AttributeValue> elements = (List<AttributeValue>) container;
        int position = positions[depth];
        if (position < elements.size()) {
            positions[depth] = position + 1;
            return token = valueToken(elements.get(position));
        }
        containers[depth--] = null;
        return token = ItemToken.END_ARRAY;
    }

    /** The name of the current property (after {@link ItemToken#PROPERTY_NAME}). */
    public @Nullable String name() {
        return name;
    }

    /**
     * The text of the current token when it carries one: the name of a property, a string, a number's exact
     * decimal text, base64 of a binary; else null.
     */
    public @Nullable String text() {
        if (token == null) {
            return null;
        }
        switch (token) {
            case PROPERTY_NAME:
                return name;
            case VALUE_STRING:
                return scalar().s();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return scalar().n();
            case VALUE_EMBEDDED_OBJECT:
                return Base64.getEncoder().encodeToString(scalar().b().asByteArrayUnsafe());
            default:
                return null;
        }
    }

    /** A copy of the current binary value, or null when the current token is not binary. */
    public byte @Nullable [] binary() {
        return token == ItemToken.VALUE_EMBEDDED_OBJECT ? scalar().b().asByteArray() : null;
    }

    /** The current string value, or null when the current token is not a string. */
    public @Nullable String string() {
        return token == ItemToken.VALUE_STRING ? scalar().s() : null;
    }

    /** The current number in its smallest exact Java type: Integer, Long, BigInteger, or BigDecimal for a fraction. */
    public Number number() {
        String text = numberText();
        if (token == ItemToken.VALUE_NUMBER_FLOAT) {
            return new BigDecimal(text);
        }
        if (text.length() <= 18) {
            long number = Long.parseLong(text);
            return number == (int) number ? (Number) (int) number : (Number) number;
        }
        BigInteger number = new BigInteger(text);
        return number.bitLength() < 64 ? (Number) number.longValue() : number;
    }

    public ItemNumberType numberType() {
        Number number = number();
        if (number instanceof Integer) {
            return ItemNumberType.INT;
        }
        if (number instanceof Long) {
            return ItemNumberType.LONG;
        }
        return number instanceof BigInteger ? ItemNumberType.BIG_INTEGER : ItemNumberType.BIG_DECIMAL;
    }

    /**
     * The current number as an int (a fraction truncated).
     *
     * @throws ArithmeticException if it is out of the range of int
     */
    public int intValue() {
        long number = longValue();
        if (number != (int) number) {
            throw new ArithmeticException("Numeric value (" + scalar().n() + ") out of range of int");
        }
        return (int) number;
    }

    /**
     * The current number as a long (a fraction truncated).
     *
     * @throws ArithmeticException if it is out of the range of long
     */
    public long longValue() {
        String text = numberText();
        if (token == ItemToken.VALUE_NUMBER_INT && text.length() <= 18) {
            return Long.parseLong(text);
        }
        try {
            return new BigDecimal(text).toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new ArithmeticException("Numeric value (" + text + ") out of range of long");
        }
    }

    public BigInteger bigIntegerValue() {
        String text = numberText();
        return token == ItemToken.VALUE_NUMBER_INT ? new BigInteger(text) : new BigDecimal(text).toBigInteger();
    }

    public BigDecimal decimalValue() {
        return new BigDecimal(numberText());
    }

    public double doubleValue() {
        return Double.parseDouble(numberText());
    }

    public float floatValue() {
        return Float.parseFloat(numberText());
    }

    /**
     * The exact decimal text of the current number.
     *
     * @throws IllegalStateException if the current token is not a number
     */
    public String numberText() {
        if (token != ItemToken.VALUE_NUMBER_INT && token != ItemToken.VALUE_NUMBER_FLOAT) {
            throw new IllegalStateException("Current token (" + token + ") not numeric");
        }
        return scalar().n();
    }

    private AttributeValue scalar() {
        AttributeValue current = value;
        if (current == null) {
            throw new IllegalStateException("no current value");
        }
        return current;
    }

    private ItemToken valueToken(AttributeValue attribute) {
        value = attribute;
        switch (attribute.type()) {
            case S:
                return ItemToken.VALUE_STRING;
            case N:
                return isIntegral(attribute.n()) ? ItemToken.VALUE_NUMBER_INT : ItemToken.VALUE_NUMBER_FLOAT;
            case BOOL:
                return Boolean.TRUE.equals(attribute.bool()) ? ItemToken.VALUE_TRUE : ItemToken.VALUE_FALSE;
            case NUL:
                return ItemToken.VALUE_NULL;
            case B:
                return ItemToken.VALUE_EMBEDDED_OBJECT;
            case M:
                push(attribute.m().entrySet().iterator());
                return ItemToken.START_OBJECT;
            case L:
                return startArray(attribute.l());
            case SS:
                return startArray(convert(attribute.ss(), AttributeValue::fromS));
            case NS:
                return startArray(convert(attribute.ns(), AttributeValue::fromN));
            case BS:
                return startArray(convert(attribute.bs(), AttributeValue::fromB));
            default:
                throw new IllegalArgumentException("unsupported attribute value " + attribute);
        }
    }

    private ItemToken startArray(List<AttributeValue> elements) {
        // read by index: the SDK copies every list into an array-backed one
        push(elements);
        positions[depth] = 0;
        return ItemToken.START_ARRAY;
    }

    private void push(Object container) {
        if (++depth == containers.length) {
            containers = Arrays.copyOf(containers, depth * 2);
            positions = Arrays.copyOf(positions, depth * 2);
        }
        containers[depth] = container;
    }

    private static <E> List<AttributeValue> convert(List<E> set, Function<E, AttributeValue> element) {
        List<AttributeValue> list = new ArrayList<>(set.size());
        for (E member : set) {
            list.add(element.apply(member));
        }
        return list;
    }

    /** Whether a number's text has neither a fraction nor an exponent (what Jackson reads as an integer token). */
    static boolean isIntegral(String number) {
        return number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
    }
}
