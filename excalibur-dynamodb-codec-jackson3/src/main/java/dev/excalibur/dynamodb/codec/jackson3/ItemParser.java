package dev.excalibur.dynamodb.codec.jackson3;

import dev.excalibur.dynamodb.codec.internal.ItemCursor;
import dev.excalibur.dynamodb.codec.internal.ItemToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.Version;
import tools.jackson.core.base.ParserMinimalBase;
import tools.jackson.core.util.SimpleStreamReadContext;

/**
 * A Jackson 3 parser that reads an item through an {@link ItemCursor}, keeping Jackson's read context in step.
 * One item per instance; not thread-safe.
 */
final class ItemParser extends ParserMinimalBase {

    /** Jackson's token for each {@link ItemToken}, by ordinal (the names are the same). */
    private static final JsonToken[] TOKENS = new JsonToken[ItemToken.values().length];

    static {
        for (ItemToken token : ItemToken.values()) {
            TOKENS[token.ordinal()] = JsonToken.valueOf(token.name());
        }
    }

    private final ItemCursor cursor;
    private SimpleStreamReadContext context = SimpleStreamReadContext.createRootContext(null);

    ItemParser(ItemCursor cursor) {
        super(ObjectReadContext.empty());
        this.cursor = cursor;
    }

    @Override
    public @Nullable JsonToken nextToken() {
        if (_closed) {
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
    public @Nullable String currentName() {
        SimpleStreamReadContext named = context;
        if ((_currToken == JsonToken.START_OBJECT || _currToken == JsonToken.START_ARRAY)
                && named.getParent() != null) {
            named = named.getParent();
        }
        return named.currentName();
    }

    @Override
    public @Nullable String getString() {
        String text = cursor.text();
        return text != null || _currToken == null ? text : _currToken.asString();
    }

    @Override
    public char @Nullable [] getStringCharacters() {
        String text = getString();
        return text == null ? null : text.toCharArray();
    }

    @Override
    public int getStringLength() {
        String text = getString();
        return text == null ? 0 : text.length();
    }

    @Override
    public int getStringOffset() {
        return 0;
    }

    @Override
    public boolean hasStringCharacters() {
        return false;
    }

    @Override
    public @Nullable Object getEmbeddedObject() {
        return cursor.binary();
    }

    @Override
    public byte[] getBinaryValue(Base64Variant variant) {
        byte[] binary = cursor.binary();
        if (binary != null) {
            return binary;
        }
        String text = cursor.string();
        if (text != null) {
            return variant.decode(text);
        }
        return _reportError("Current token (" + _currToken + ") not binary: a DynamoDB B or base64 S is needed");
    }

    @Override
    public boolean isNaN() {
        return false;
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
    public int getIntValue() {
        try {
            return cursor.intValue();
        } catch (ArithmeticException e) {
            throw _constructInputCoercion(e.getMessage(), _currToken, Integer.TYPE);
        }
    }

    @Override
    public long getLongValue() {
        try {
            return cursor.longValue();
        } catch (ArithmeticException e) {
            throw _constructInputCoercion(e.getMessage(), _currToken, Long.TYPE);
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
    public TokenStreamContext streamReadContext() {
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
    public TokenStreamLocation currentTokenLocation() {
        return TokenStreamLocation.NA;
    }

    @Override
    public TokenStreamLocation currentLocation() {
        return TokenStreamLocation.NA;
    }

    @Override
    public @Nullable Object streamReadInputSource() {
        return null;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    protected void _closeInput() {
        // there is no input to close
    }

    @Override
    protected void _releaseBuffers() {
        // no buffers are held
    }

    @Override
    protected void _handleEOF() {
        // an item always ends with the END_OBJECT of its top level
    }
}
