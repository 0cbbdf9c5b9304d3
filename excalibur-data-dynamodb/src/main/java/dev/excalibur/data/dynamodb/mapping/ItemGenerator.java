package dev.excalibur.data.dynamodb.mapping;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A Jackson generator that builds DynamoDB attribute values as a serializer writes, with no JSON
 * text and no token buffer in between: objects become M, arrays L, strings S, numbers N (plain
 * decimal text), booleans BOOL, null NULL, binary B. One document per instance; not thread-safe.
 */
final class ItemGenerator extends GeneratorBase {

    private static final int MAX_DEPTH = 64;
    private static final int MAX_DIGITS = 38;
    private static final int MAX_EXPONENT = 125;
    private static final int MIN_EXPONENT = -130;

    private final Object[] containers = new Object[MAX_DEPTH];
    private int depth = -1;
    private @Nullable Map<String, AttributeValue> item;
    private @Nullable JsonToken rootToken;

    ItemGenerator(ObjectCodec codec) {
        super(JsonGenerator.Feature.collectDefaults(), codec, (IOContext) null);
    }

    /** The item written, or null when the document was not a JSON object. */
    @Nullable
    Map<String, AttributeValue> item() {
        return item;
    }

    /** The first token written at the top level (START_OBJECT for a document). */
    @Nullable
    JsonToken rootToken() {
        return rootToken;
    }

    @Override
    public void writeStartObject() throws IOException {
        _verifyValueWrite("start an object");
        _writeContext = _writeContext.createChildObjectContext();
        push(new LinkedHashMap<String, AttributeValue>(16), JsonToken.START_OBJECT);
    }

    @Override
    public void writeEndObject() throws IOException {
        if (!_writeContext.inObject()) {
            _reportError("Current context not an Object but " + _writeContext.typeDesc());
        }
        _writeContext = _writeContext.clearAndGetParent();
        @SuppressWarnings("unchecked")
        Map<String, AttributeValue> map = (Map<String, AttributeValue>) containers[depth--];
        if (depth < 0) {
            item = map;
        } else {
            add(AttributeValue.fromM(map));
        }
    }

    @Override
    public void writeStartArray() throws IOException {
        _verifyValueWrite("start an array");
        _writeContext = _writeContext.createChildArrayContext();
        push(new ArrayList<AttributeValue>(), JsonToken.START_ARRAY);
    }

    @Override
    public void writeEndArray() throws IOException {
        if (!_writeContext.inArray()) {
            _reportError("Current context not an Array but " + _writeContext.typeDesc());
        }
        _writeContext = _writeContext.clearAndGetParent();
        @SuppressWarnings("unchecked")
        List<AttributeValue> list = (List<AttributeValue>) containers[depth--];
        if (depth >= 0) {
            add(AttributeValue.fromL(list));
        }
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Can not write a field name, expecting a value");
        }
    }

    @Override
    public void writeString(String text) throws IOException {
        if (text == null) {
            writeNull();
            return;
        }
        value(AttributeValue.fromS(text), JsonToken.VALUE_STRING);
    }

    @Override
    public void writeString(char[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length));
    }

    @Override
    public void writeRawUTF8String(byte[] text, int offset, int length) throws IOException {
        writeUTF8String(text, offset, length);
    }

    @Override
    public void writeUTF8String(byte[] text, int offset, int length) throws IOException {
        writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void writeRaw(String text) {
        throw rawNotSupported();
    }

    @Override
    public void writeRaw(String text, int offset, int len) {
        throw rawNotSupported();
    }

    @Override
    public void writeRaw(char[] text, int offset, int len) {
        throw rawNotSupported();
    }

    @Override
    public void writeRaw(char c) {
        throw rawNotSupported();
    }

    @Override
    public void writeRawValue(String text) {
        throw rawNotSupported();
    }

    @Override
    public void writeRawValue(String text, int offset, int len) {
        throw rawNotSupported();
    }

    @Override
    public void writeRawValue(char[] text, int offset, int len) {
        throw rawNotSupported();
    }

    @Override
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int length) throws IOException {
        byte[] bytes = offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length);
        value(AttributeValue.fromB(SdkBytes.fromByteArray(bytes)), JsonToken.VALUE_EMBEDDED_OBJECT);
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) throws IOException {
        byte[] bytes = dataLength < 0 ? data.readAllBytes() : data.readNBytes(dataLength);
        value(AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes)), JsonToken.VALUE_EMBEDDED_OBJECT);
        return bytes.length;
    }

    @Override
    public void writeNumber(int number) throws IOException {
        number(Integer.toString(number), JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public void writeNumber(long number) throws IOException {
        number(Long.toString(number), JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public void writeNumber(BigInteger number) throws IOException {
        if (number == null) {
            writeNull();
            return;
        }
        if (number.bitLength() > 120) {
            requireStorable(new BigDecimal(number));
        }
        number(number.toString(), JsonToken.VALUE_NUMBER_INT);
    }

    @Override
    public void writeNumber(double number) throws IOException {
        requireFinite(Double.isNaN(number) || Double.isInfinite(number), number);
        double magnitude = Math.abs(number);
        if (magnitude != 0 && (magnitude < 1e-130 || magnitude >= 1e126)) {
            requireStorable(new BigDecimal(number));
        }
        number(plain(Double.toString(number)), JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public void writeNumber(float number) throws IOException {
        requireFinite(Float.isNaN(number) || Float.isInfinite(number), number);
        number(plain(Float.toString(number)), JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public void writeNumber(BigDecimal number) throws IOException {
        if (number == null) {
            writeNull();
            return;
        }
        requireStorable(number);
        number(number.toPlainString(), JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        if (encodedValue == null) {
            writeNull();
            return;
        }
        BigDecimal number;
        try {
            number = new BigDecimal(encodedValue);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "property '" + _writeContext.getCurrentName() + "' is '" + encodedValue
                            + "', which is not a number",
                    e);
        }
        requireStorable(number);
        number(encodedValue, JsonToken.VALUE_NUMBER_FLOAT);
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        value(AttributeValue.fromBool(state), state ? JsonToken.VALUE_TRUE : JsonToken.VALUE_FALSE);
    }

    @Override
    public void writeNull() throws IOException {
        value(AttributeValue.fromNul(Boolean.TRUE), JsonToken.VALUE_NULL);
    }

    @Override
    public void flush() {
        // nothing is buffered: values are added as they are written
    }

    @Override
    protected void _releaseBuffers() {
        // no buffers are held
    }

    @Override
    protected void _verifyValueWrite(String typeMsg) throws IOException {
        if (_writeContext.writeValue() == JsonWriteContext.STATUS_EXPECT_NAME) {
            _reportError("Can not " + typeMsg + ", expecting a field name");
        }
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    private void number(String text, JsonToken token) throws IOException {
        value(AttributeValue.fromN(text), token);
    }

    private void value(AttributeValue value, JsonToken token) throws IOException {
        _verifyValueWrite("write a value");
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
        if (container instanceof Map) {
            ((Map<String, AttributeValue>) container).put(_writeContext.getCurrentName(), value);
        } else {
            ((List<AttributeValue>) container).add(value);
        }
    }

    private void push(Object container, JsonToken token) {
        if (depth < 0 && rootToken == null) {
            rootToken = token;
        }
        if (depth + 1 == MAX_DEPTH) {
            throw new IllegalArgumentException("document nests deeper than " + MAX_DEPTH
                    + " levels; DynamoDB allows at most 32 levels of maps and lists");
        }
        containers[++depth] = container;
    }

    private void requireFinite(boolean notFinite, Object number) {
        if (notFinite) {
            throw new IllegalArgumentException("property '" + _writeContext.getCurrentName() + "' is " + number
                    + ", which DynamoDB cannot store as a number");
        }
    }

    /**
     * DynamoDB's number rules: at most 38 significant digits, and a magnitude from 1E-130 up to
     * (not including) 1E+126, or zero.
     */
    private void requireStorable(BigDecimal number) {
        if (number.signum() == 0) {
            return;
        }
        BigDecimal significant = number.stripTrailingZeros();
        int digits = significant.precision();
        int exponent = digits - significant.scale() - 1;
        if (digits > MAX_DIGITS || exponent > MAX_EXPONENT || exponent < MIN_EXPONENT) {
            throw new IllegalArgumentException("property '" + _writeContext.getCurrentName() + "' is " + number
                    + " (" + digits + " significant digits, magnitude 1E" + exponent
                    + "): DynamoDB numbers hold at most "
                    + MAX_DIGITS + " significant digits and a magnitude from 1E" + MIN_EXPONENT + " to below 1E"
                    + (MAX_EXPONENT + 1));
        }
    }

    private static String plain(String decimal) {
        return decimal.indexOf('E') < 0 ? decimal : new BigDecimal(decimal).toPlainString();
    }

    private static UnsupportedOperationException rawNotSupported() {
        return new UnsupportedOperationException("raw JSON cannot be mapped to a DynamoDB item");
    }
}
