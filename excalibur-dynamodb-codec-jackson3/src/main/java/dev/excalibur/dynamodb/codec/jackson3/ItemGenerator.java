package dev.excalibur.dynamodb.codec.jackson3;

import dev.excalibur.dynamodb.codec.internal.ItemWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteCapability;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.Version;
import tools.jackson.core.base.GeneratorBase;
import tools.jackson.core.io.ContentReference;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.JacksonFeatureSet;
import tools.jackson.core.util.SimpleStreamWriteContext;

/**
 * A Jackson 3 generator that hands each write, after Jackson's order checks, to an {@link ItemWriter}: no JSON
 * text, no token buffer and no tree in between. One document per instance; not thread-safe.
 *
 * <p>Serializers that write a nested POJO or tree through the generator itself ({@code writePOJO},
 * {@code writeTree}) are not supported: the databind context is not the generator's in Jackson 3.
 */
final class ItemGenerator extends GeneratorBase {

    /**
     * The base class wants an I/O context for its constraints; nothing here reads, writes or buffers through it,
     * so one (without a buffer recycler to release) serves every generator.
     */
    private static final IOContext NO_IO = new IOContext(
                    StreamReadConstraints.defaults(),
                    StreamWriteConstraints.defaults(),
                    ErrorReportConfiguration.defaults(),
                    null,
                    ContentReference.unknown(),
                    false,
                    JsonEncoding.UTF8)
            .markBufferRecyclerReleased();

    private final ItemWriter item;
    private SimpleStreamWriteContext context = SimpleStreamWriteContext.createRootContext(null);

    ItemGenerator(ItemWriter item) {
        super(ObjectWriteContext.empty(), NO_IO, StreamWriteFeature.collectDefaults());
        this.item = item;
    }

    @Override
    public JsonGenerator writeStartObject() {
        return writeStartObject(null);
    }

    @Override
    public JsonGenerator writeStartObject(@Nullable Object forValue) {
        _verifyValueWrite("start an object");
        context = context.createChildObjectContext(forValue);
        item.startObject();
        return this;
    }

    @Override
    public JsonGenerator writeEndObject() {
        if (!context.inObject()) {
            _reportError("Current context not an Object but " + context.typeDesc());
        }
        context = context.clearAndGetParent();
        item.endObject();
        return this;
    }

    @Override
    public JsonGenerator writeStartArray() {
        return writeStartArray(null);
    }

    @Override
    public JsonGenerator writeStartArray(@Nullable Object forValue) {
        return writeStartArray(forValue, -1);
    }

    @Override
    public JsonGenerator writeStartArray(@Nullable Object forValue, int size) {
        _verifyValueWrite("start an array");
        context = context.createChildArrayContext(forValue);
        item.startArray(size);
        return this;
    }

    @Override
    public JsonGenerator writeEndArray() {
        if (!context.inArray()) {
            _reportError("Current context not an Array but " + context.typeDesc());
        }
        context = context.clearAndGetParent();
        item.endArray();
        return this;
    }

    @Override
    public JsonGenerator writeName(String name) {
        if (!context.writeName(name)) {
            _reportError("Can not write a property name, expecting a value");
        }
        item.name(name);
        return this;
    }

    @Override
    public JsonGenerator writePropertyId(long id) {
        return writeName(Long.toString(id));
    }

    @Override
    public JsonGenerator writeString(@Nullable String text) {
        _verifyValueWrite(WRITE_STRING);
        item.string(text);
        return this;
    }

    @Override
    public JsonGenerator writeString(char[] text, int offset, int length) {
        return writeString(new String(text, offset, length));
    }

    @Override
    public JsonGenerator writeRawUTF8String(byte[] text, int offset, int length) {
        return writeUTF8String(text, offset, length);
    }

    @Override
    public JsonGenerator writeUTF8String(byte[] text, int offset, int length) {
        return writeString(new String(text, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public JsonGenerator writeRaw(String text) {
        throw rawNotSupported();
    }

    @Override
    public JsonGenerator writeRaw(String text, int offset, int len) {
        throw rawNotSupported();
    }

    @Override
    public JsonGenerator writeRaw(char[] text, int offset, int len) {
        throw rawNotSupported();
    }

    @Override
    public JsonGenerator writeRaw(char c) {
        throw rawNotSupported();
    }

    @Override
    public JsonGenerator writeBinary(Base64Variant variant, byte[] data, int offset, int length) {
        _verifyValueWrite(WRITE_BINARY);
        item.binary(data, offset, length);
        return this;
    }

    @Override
    public int writeBinary(Base64Variant variant, InputStream data, int dataLength) {
        byte[] bytes;
        try {
            bytes = dataLength < 0 ? data.readAllBytes() : data.readNBytes(dataLength);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeBinary(variant, bytes, 0, bytes.length);
        return bytes.length;
    }

    @Override
    public JsonGenerator writeNumber(short number) {
        return writeNumber((int) number);
    }

    @Override
    public JsonGenerator writeNumber(int number) {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(long number) {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(@Nullable BigInteger number) {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(double number) {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(float number) {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(@Nullable BigDecimal number) {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(number);
        return this;
    }

    @Override
    public JsonGenerator writeNumber(@Nullable String encodedValue) {
        _verifyValueWrite(WRITE_NUMBER);
        item.number(encodedValue);
        return this;
    }

    @Override
    public JsonGenerator writeBoolean(boolean state) {
        _verifyValueWrite(WRITE_BOOLEAN);
        item.bool(state);
        return this;
    }

    @Override
    public JsonGenerator writeNull() {
        _verifyValueWrite(WRITE_NULL);
        item.nul();
        return this;
    }

    @Override
    public TokenStreamContext streamWriteContext() {
        return context;
    }

    @Override
    public @Nullable Object currentValue() {
        return context.currentValue();
    }

    @Override
    public void assignCurrentValue(@Nullable Object value) {
        context.assignCurrentValue(value);
    }

    @Override
    public @Nullable Object streamWriteOutputTarget() {
        return null;
    }

    @Override
    public int streamWriteOutputBuffered() {
        return -1;
    }

    @Override
    public JacksonFeatureSet<StreamWriteCapability> streamWriteCapabilities() {
        return DEFAULT_BINARY_WRITE_CAPABILITIES;
    }

    @Override
    public void flush() {
        // nothing is buffered: values are added as they are written
    }

    @Override
    protected void _closeInput() {
        // there is no output to close
    }

    @Override
    protected void _releaseBuffers() {
        // no buffers are held
    }

    @Override
    protected void _verifyValueWrite(String typeMsg) {
        if (!context.writeValue()) {
            _reportError("Can not " + typeMsg + ", expecting a property name");
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
