package dev.excalibur.data.dynamodb.internal;

import dev.excalibur.data.InternalApi;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's item size rules (names plus values, UTF-8), so limits are checked before a request
 * is sent.
 */
@InternalApi
public final class ItemSize {

    /** The largest item DynamoDB stores: 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {}

    /**
     * The one wording of "too large" for every item the library writes: {@code what} (say,
     * "document 'a'") is {@code size} bytes as a DynamoDB item, and the limit.
     */
    public static String overLimit(String what, long size) {
        return what + " is " + size + " bytes as a DynamoDB item; the limit is " + MAX_ITEM_BYTES + " bytes (400 KB)";
    }

    /** The size of an item in bytes as DynamoDB counts it. */
    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
            size += utf8Length(entry.getKey()) + valueSize(entry.getValue());
        }
        return size;
    }

    private static long valueSize(AttributeValue value) {
        switch (value.type()) {
            case S:
                return utf8Length(value.s());
            case N:
                return numberSize(value.n());
            case B:
                return value.b().asByteArrayUnsafe().length;
            case BOOL:
            case NUL:
                return 1;
            case SS: {
                long size = 0;
                for (String s : value.ss()) {
                    size += utf8Length(s);
                }
                return size;
            }
            case NS: {
                long size = 0;
                for (String n : value.ns()) {
                    size += numberSize(n);
                }
                return size;
            }
            case BS: {
                long size = 0;
                for (SdkBytes b : value.bs()) {
                    size += b.asByteArrayUnsafe().length;
                }
                return size;
            }
            case M: {
                long size = 3;
                for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
                    size += utf8Length(entry.getKey()) + valueSize(entry.getValue()) + 1;
                }
                return size;
            }
            case L: {
                long size = 3;
                for (AttributeValue element : value.l()) {
                    size += valueSize(element) + 1;
                }
                return size;
            }
            default:
                return 0;
        }
    }

    private static long numberSize(String number) {
        int digits = 0;
        for (int i = 0; i < number.length(); i++) {
            if (Character.isDigit(number.charAt(i))) {
                digits++;
            }
        }
        return (digits + 1) / 2 + 1;
    }

    private static long utf8Length(String text) {
        int length = text.length();
        boolean ascii = true;
        for (int i = 0; i < length && ascii; i++) {
            ascii = text.charAt(i) < 0x80;
        }
        return ascii ? length : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
