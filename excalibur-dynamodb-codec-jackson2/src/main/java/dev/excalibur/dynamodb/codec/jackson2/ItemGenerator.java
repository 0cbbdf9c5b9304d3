package dev.excalibur.dynamodb.codec.jackson2;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.GeneratorBase;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.JsonWriteContext;
import dev.excalibur.dynamodb.codec.internal.ItemWriter;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A Jackson 2 generator that hands each write, after Jackson's order checks, to an {@link ItemWriter}: no JSON
 * text and no token buffer in between. One document per instance; not thread-safe.
 */
final class ItemGenerator extends GeneratorBase {

    private final ItemWriter item;

    ItemGenerator(ObjectCodec codec, ItemWriter item) {
        super(JsonGenerator.Feature.collectDefaults(), codec, (IOContext) null);
        this.item = item;
    }

    @Override
    public void writeStartObject() throws IOException {
        _verifyValueWrite("start an object");
        _writeContext = _writeContext.createChildObjectContext();
        item.startObject();
    }

    @Override
    public void writeEndObject() throws IOException {
        if (!_writeContext.inObject()) {
            _reportError("Current context not an Object but " + _writeContext.typeDesc());
        }
        _writeContext = _writeContext.clearAndGetParent();
        item.endObject();
    }

    @Override
    public void writeStartArray() throws IOException {
        startArray(null, -1);
    }

    @Override
    public void writeStartArray(@Nullable Object forValue, int size) throws IOException {
        startArray(forValue, size);
    }

    private void startArray(@Nullable Object forValue, int size) throws IOException {
        _verifyValueWrite("start an array");
        _writeContext = _writeContext.createChildArrayContext(forValue);
        item.startArray(size);
    }

    @Override
    public void writeEndArray() throws IOException {
        if (!_writeContext.inArray()) {
            _reportError("Current context not an Array but " + _writeContext.typeDesc());
        }
        _writeContext = _writeContext.clearAndGetParent();
        item.endArray();
    }

    @Override
    public void writeFieldName(String name) throws IOException {
        if (_writeContext.writeFieldName(name) == JsonWriteContext.STATUS_EXPECT_VALUE) {
            _reportError("Can not write a field name, expecting a value");
        }
        item.name(name);
    }

    @Override
    public void writeString(String text) throws IOException {
        _verifyValueWrite(WRITE_STRING);
        item.string(text);
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
    public void writeBinary(Base64Variant variant, byte[] data, int offset, int length) throws IOException {
        _verifyValueWrite(WRITE_BINARY);
        item.binary(data, offset, length);
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) throws IOException {
        byte[] bytes = dataLength < 0 ? data.readAllBytes() : data.readNBytes(dataLength);
        writeBinary(variant, bytes, 0, bytes.length);
        return bytes.length;
    }

    @Override
    public void writeNumber(int number) throws IOException {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
    }

    @Override
    public void writeNumber(long number) throws IOException {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
    }

    @Override
    public void writeNumber(BigInteger number) throws IOException {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
    }

    @Override
    public void writeNumber(double number) throws IOException {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
    }

    @Override
    public void writeNumber(float number) throws IOException {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
    }

    @Override
    public void writeNumber(BigDecimal number) throws IOException {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
    }

    @Override
    public void writeNumber(String encodedValue) throws IOException {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(encodedValue);
    }

    @Override
    public void writeBoolean(boolean state) throws IOException {
        _verifyValueWrite(WRITE_BOOLEAN);
        item.bool(state);
    }

    @Override
    public void writeNull() throws IOException {
        _verifyValueWrite(WRITE_NULL);
        item.nul();
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

    private static UnsupportedOperationException rawNotSupported() {
        return new UnsupportedOperationException("raw JSON cannot be mapped to a DynamoDB item");
    }
}
