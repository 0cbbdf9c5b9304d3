package dev.excalibur.dynamodb.codec.jackson2;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.base.ParserMinimalBase;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.json.JsonReadContext;
import dev.excalibur.dynamodb.codec.internal.ItemCursor;
import dev.excalibur.dynamodb.codec.internal.ItemToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A Jackson 2 parser that reads an item through an {@link ItemCursor}, keeping Jackson's read context in step.
 * One item per instance; not thread-safe.
 */
final class ItemParser extends ParserMinimalBase {

    /** Jackson's token for each {@link ItemToken}, by ordinal. */
    private static final JsonToken[] TOKENS = new JsonToken[ItemToken.values().length];

    static {
        for (ItemToken token : ItemToken.values()) {
            TOKENS[token.ordinal()] =
                    token == ItemToken.PROPERTY_NAME ? JsonToken.FIELD_NAME : JsonToken.valueOf(token.name());
        }
    }

    private final ItemCursor cursor;
    private ObjectCodec codec;
    private JsonReadContext context = JsonReadContext.createRootContext(null);
    private boolean closed;

    ItemParser(ItemCursor cursor, ObjectCodec codec) {
        super(StreamReadConstraints.defaults());
        this.cursor = cursor;
        this.codec = codec;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        if (closed) {
            return null;
        }
        ItemToken token = cursor.next();
        if (token == null) {
            return _currToken = null;
        }
        switch (token) {
            case START_OBJECT:
                context = context.createChildObjectContext(-1, -1);
                break;
            case START_ARRAY:
                context = context.createChildArrayContext(-1, -1);
                break;
            case END_OBJECT:
            case END_ARRAY:
                context = context.clearAndGetParent();
                break;
            case PROPERTY_NAME:
                context.setCurrentName(cursor.name());
                break;
            default:
                break;
        }
        return _currToken = TOKENS[token.ordinal()];
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
        String text = cursor.text();
        return text != null || _currToken == null ? text : _currToken.asString();
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
        return cursor.binary();
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) throws IOException {
        byte[] binary = cursor.binary();
        if (binary != null) {
            return binary;
        }
        String text = cursor.string();
        if (text != null) {
            return variant.decode(text);
        }
        throw _constructError("Current token (" + _currToken + ") not binary: a DynamoDB B or base64 S is needed");
    }

    @Override
    public Number getNumberValue() {
        return cursor.number();
    }

    @Override
    public NumberType getNumberType() {
        return NumberType.valueOf(cursor.numberType().name());
    }

    @Override
    public int getIntValue() throws IOException {
        try {
            return cursor.intValue();
        } catch (ArithmeticException e) {
            throw new InputCoercionException(this, e.getMessage(), _currToken, Integer.TYPE);
        }
    }

    @Override
    public long getLongValue() throws IOException {
        try {
            return cursor.longValue();
        } catch (ArithmeticException e) {
            throw new InputCoercionException(this, e.getMessage(), _currToken, Long.TYPE);
        }
    }

    @Override
    public BigInteger getBigIntegerValue() {
        return cursor.bigIntegerValue();
    }

    @Override
    public float getFloatValue() {
        return cursor.floatValue();
    }

    @Override
    public double getDoubleValue() {
        return cursor.doubleValue();
    }

    @Override
    public BigDecimal getDecimalValue() {
        return cursor.decimalValue();
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
}
