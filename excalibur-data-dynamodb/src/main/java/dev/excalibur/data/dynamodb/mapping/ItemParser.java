package dev.excalibur.data.dynamodb.mapping;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadContext;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Jackson parser that reads a DynamoDB item as the tokens of a JSON object, straight from the
 * attribute values: M is an object, L and the sets SS / NS / BS are arrays, N a number (exact, as
 * BigDecimal when it has a fraction), B an embedded {@code byte[]}. Top-level attributes named in
 * {@code omitted} are left out unless they are among the target type's {@code propertyNames}. One item per instance; not thread-safe.
 */
final class ItemParser extends ParserMinimalBase {

    private final Map<String, AttributeValue> item;
    private final Set<String> omitted;
    private final Set<String> propertyNames;
    private ObjectCodec codec;
    private JsonReadContext context = JsonReadContext.createRootContext(null);
    private @Nullable Frame frame;
    private @Nullable AttributeValue pendingValue;
    private @Nullable AttributeValue scalar;
    private boolean started;
    private boolean closed;

    ItemParser(Map<String, AttributeValue> item, Set<String> omitted, Set<String> propertyNames, ObjectCodec codec) {
        super(StreamReadConstraints.defaults());
        this.item = item;
        this.omitted = omitted;
        this.propertyNames = propertyNames;
        this.codec = codec;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (closed) {
            return null;
        }
        if (!started) {
            started = true;
            frame = new Frame(null, item.entrySet().iterator(), null, true);
            context = context.createChildObjectContext(-1, -1);
            return _currToken = JsonToken.START_OBJECT;
        }
        if (pendingValue != null) {
            AttributeValue value = pendingValue;
            pendingValue = null;
            return _currToken = valueToken(value);
        }
        if (frame == null) {
            return _currToken = null;
        }
        if (frame.entries != null) {
            while (frame.entries.hasNext()) {
                Map.Entry<String, AttributeValue> entry = frame.entries.next();
                if (frame.root && omitted.contains(entry.getKey()) && !propertyNames.contains(entry.getKey())) {
                    continue;
                }
                context.setCurrentName(entry.getKey());
                pendingValue = entry.getValue();
                return _currToken = JsonToken.FIELD_NAME;
            }
            pop();
            return _currToken = JsonToken.END_OBJECT;
        }
        if (frame.elements.hasNext()) {
            context.expectComma();
            return _currToken = valueToken(frame.elements.next());
        }
        pop();
        return _currToken = JsonToken.END_ARRAY;
    }

    private JsonToken valueToken(AttributeValue value) {
        scalar = value;
        switch (value.type()) {
            case S:
                return JsonToken.VALUE_STRING;
            case N:
                return isIntegral(value.n()) ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_NUMBER_FLOAT;
            case BOOL:
                return Boolean.TRUE.equals(value.bool()) ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE;
            case NUL:
                return JsonToken.VALUE_NULL;
            case B:
                return JsonToken.VALUE_EMBEDDED_OBJECT;
            case M:
                frame = new Frame(frame, value.m().entrySet().iterator(), null, false);
                context = context.createChildObjectContext(-1, -1);
                return JsonToken.START_OBJECT;
            case L:
                return startArray(value.l());
            case SS:
                return startArray(convert(value.ss(), AttributeValue::fromS));
            case NS:
                return startArray(convert(value.ns(), AttributeValue::fromN));
            case BS:
                return startArray(convert(value.bs(), AttributeValue::fromB));
            default:
                throw new IllegalArgumentException("unsupported attribute value " + value);
        }
    }

    private JsonToken startArray(List<AttributeValue> elements) {
        frame = new Frame(frame, null, elements.iterator(), false);
        context = context.createChildArrayContext(-1, -1);
        return JsonToken.START_ARRAY;
    }

    private static <E> List<AttributeValue> convert(List<E> set, Function<E, AttributeValue> element) {
        List<AttributeValue> list = new ArrayList<>(set.size());
        for (E member : set) {
            list.add(element.apply(member));
        }
        return list;
    }

    private void pop() {
        frame = frame.parent;
        context = context.clearAndGetParent();
    }

    private static boolean isIntegral(String number) {
        return number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
    }

    @Override
    @SuppressWarnings("deprecation") // still abstract in Jackson 2.19's JsonParser: every parser implements it
    public String getCurrentName() {
        JsonReadContext named = context;
        if ((_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY)
                && named.getParent() != null) {
            named = named.getParent();
        }
        return named.getCurrentName();
    }

    @Override
    public void overrideCurrentName(String name) {
        try {
            context.setCurrentName(name);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String getText() {
        if (_currToken == null) {
            return null;
        }
        switch (_currToken) {
            case FIELD_NAME:
                return context.getCurrentName();
            case VALUE_STRING:
                return scalar.s();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return scalar.n();
            case VALUE_EMBEDDED_OBJECT:
                return Base64.getEncoder().encodeToString(scalar.b().asByteArrayUnsafe());
            default:
                return _currToken.asString();
        }
    }

    @Override
    public char[] getTextCharacters() {
        String text = getText();
        return text == null ? null : text.toCharArray();
    }

    @Override
    public boolean hasTextCharacters() {
        return false;
    }

    @Override
    public int getTextLength() {
        String text = getText();
        return text == null ? 0 : text.length();
    }

    @Override
    public int getTextOffset() {
        return 0;
    }

    @Override
    public Object getEmbeddedObject() {
        return _currToken == JsonToken.VALUE_EMBEDDED_OBJECT ? scalar.b().asByteArray() : null;
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws IOException {
        if (_currToken == JsonToken.VALUE_EMBEDDED_OBJECT) {
            return scalar.b().asByteArray();
        }
        if (_currToken == JsonToken.VALUE_STRING) {
            return variant.decode(scalar.s());
        }
        throw _constructError("Current token (" + _currToken + ") not binary: a DynamoDB B or base64 S is needed");
    }

    @Override
    public Number getNumberValue() throws IOException {
        String text = numberText();
        if (_currToken == JsonToken.VALUE_NUMBER_FLOAT) {
            return new BigDecimal(text);
        }
        if (text.length() <= 18) {
            long value = Long.parseLong(text);
            return value == (int) value ? (Number) (int) value : (Number) value;
        }
        BigInteger value = new BigInteger(text);
        return value.bitLength() < 64 ? (Number) value.longValue() : value;
    }

    @Override
    public NumberType getNumberType() throws IOException {
        Number number = getNumberValue();
        if (number instanceof Integer) {
            return NumberType.INT;
        }
        if (number instanceof Long) {
            return NumberType.LONG;
        }
        return number instanceof BigInteger ? NumberType.BIG_INTEGER : NumberType.BIG_DECIMAL;
    }

    @Override
    public int getIntValue() throws IOException {
        long value = getLongValue();
        if (value != (int) value) {
            throw new InputCoercionException(
                    this,
                    "Numeric value (" + scalar.n() + ") out of range of int",
                    JsonToken.VALUE_NUMBER_INT,
                    Integer.TYPE);
        }
        return (int) value;
    }

    @Override
    public long getLongValue() throws IOException {
        String text = numberText();
        if (_currToken == JsonToken.VALUE_NUMBER_INT && text.length() <= 18) {
            return Long.parseLong(text);
        }
        BigDecimal value = new BigDecimal(text);
        try {
            return value.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new InputCoercionException(
                    this, "Numeric value (" + text + ") out of range of long", _currToken, Long.TYPE);
        }
    }

    @Override
    public BigInteger getBigIntegerValue() throws IOException {
        String text = numberText();
        return _currToken == JsonToken.VALUE_NUMBER_INT ? new BigInteger(text) : new BigDecimal(text).toBigInteger();
    }

    @Override
    public float getFloatValue() throws IOException {
        return Float.parseFloat(numberText());
    }

    @Override
    public double getDoubleValue() throws IOException {
        return Double.parseDouble(numberText());
    }

    @Override
    public BigDecimal getDecimalValue() throws IOException {
        return new BigDecimal(numberText());
    }

    private String numberText() throws JsonParseException {
        if (_currToken != JsonToken.VALUE_NUMBER_INT && _currToken != JsonToken.VALUE_NUMBER_FLOAT) {
            throw _constructError("Current token (" + _currToken + ") not numeric");
        }
        return scalar.n();
    }

    @Override
    public JsonStreamContext getParsingContext() {
        return context;
    }

    @Override
    @SuppressWarnings("deprecation") // still abstract in Jackson 2.19's JsonParser: every parser implements it
    public JsonLocation getCurrentLocation() {
        return JsonLocation.NA;
    }

    @Override
    @SuppressWarnings("deprecation") // still abstract in Jackson 2.19's JsonParser: every parser implements it
    public JsonLocation getTokenLocation() {
        return JsonLocation.NA;
    }

    @Override
    public ObjectCodec getCodec() {
        return codec;
    }

    @Override
    public void setCodec(ObjectCodec codec) {
        this.codec = codec;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void close() {
        closed = true;
        _currToken = null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    protected void _handleEOF() {
        // an item always ends with the END_OBJECT of its top level
    }

    /** A map (entries) or array (elements) being read; {@code root} for the item itself. */
    private static final class Frame {
        final @Nullable Frame parent;
        final @Nullable Iterator<Map.Entry<String, AttributeValue>> entries;
        final @Nullable Iterator<AttributeValue> elements;
        final boolean root;

        Frame(
                @Nullable Frame parent,
                @Nullable Iterator<Map.Entry<String, AttributeValue>> entries,
                @Nullable Iterator<AttributeValue> elements,
                boolean root) {
            this.parent = parent;
            this.entries = entries;
            this.elements = elements;
            this.root = root;
        }
    }
}
