package dev.excalibur.dynamodb.engine.internal.values;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's rules for attribute values: the checks the service applies to every value a request
 * carries (exactly one type, numbers of at most 38 significant digits within
 * 1E-130..9.9999999999999999999999999999999999999E+125 in magnitude, sets non-empty and without
 * duplicates, NULL only as {@code true}, at most 32 levels of nesting), the canonical number form the
 * service stores and returns, DynamoDB's ordering and equality, and the documented size formula.
 * Pure and thread-safe. Internal to the engine.
 */
public final class AttributeValues {

    /** The largest item, in bytes (400 KB). */
    public static final long MAX_ITEM_SIZE = 409_600;

    /** The deepest nesting of maps and lists the service accepts. */
    public static final int MAX_NESTING = 32;

    private static final int MAX_DIGITS = 38;
    private static final int MAX_EXPONENT = 125;
    private static final int MIN_EXPONENT = -130;
    private static final String INVALID = "One or more parameter values were invalid: ";

    private AttributeValues() {}

    /**
     * Checks one value given in a request and returns it with its numbers in canonical form. {@code where}
     * is the attribute name the value is stored under, or the expression attribute value placeholder
     * ({@code :v}) it was given as; for a placeholder the message is framed as the service frames it
     * ({@code ExpressionAttributeValues contains invalid value: ... for key :v}).
     */
    public static AttributeValue validate(AttributeValue value, String where) {
        try {
            return checked(value, 0);
        } catch (InvalidValue invalid) {
            String message = where != null && where.startsWith(":")
                    ? "ExpressionAttributeValues contains invalid value: " + invalid.getMessage() + " for key " + where
                    : invalid.getMessage();
            throw EngineErrors.validation(message);
        }
    }

    /** Checks every attribute of an item (see {@link #validate}) and its 400 KB size limit. */
    public static Map<String, AttributeValue> validateItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> checked = new LinkedHashMap<>();
        item.forEach((name, value) -> checked.put(name, validate(value, name)));
        if (itemSize(checked) > MAX_ITEM_SIZE) {
            throw EngineErrors.validation("Item size has exceeded the maximum allowed size");
        }
        return checked;
    }

    /**
     * The service's canonical text of a number: plain decimal notation, no exponent, no leading or
     * trailing zeros, {@code 0} for any zero ({@code "1.0E-4"} → {@code "0.0001"}, {@code "129.90"} →
     * {@code "129.9"}, {@code "-0"} → {@code "0"}). Text that is not a number, more than 38 significant
     * digits and magnitudes outside the supported range are {@code ValidationException}s.
     */
    public static String canonicalNumber(String text) {
        try {
            return canonical(text);
        } catch (InvalidValue invalid) {
            throw EngineErrors.validation(invalid.getMessage());
        }
    }

    /**
     * DynamoDB's order of two scalars of the same type: S by UTF-8 bytes, N numerically, B as unsigned
     * bytes. Values of different or non-scalar types are an {@link IllegalArgumentException}: callers
     * decide what an unordered pair means.
     */
    public static int compare(AttributeValue a, AttributeValue b) {
        String type = typeName(a);
        if (!type.equals(typeName(b))) {
            throw new IllegalArgumentException("Cannot order " + type + " against " + typeName(b));
        }
        return switch (type) {
            case "S" -> compareStrings(a.s(), b.s());
            case "N" -> new BigDecimal(a.n()).compareTo(new BigDecimal(b.n()));
            case "B" -> Arrays.compareUnsigned(a.b().asByteArrayUnsafe(), b.b().asByteArrayUnsafe());
            default -> throw new IllegalArgumentException("Cannot order values of type " + type);
        };
    }

    /** Whether a value is S, N or B, the types DynamoDB orders. */
    public static boolean isOrdered(AttributeValue value) {
        String type = typeName(value);
        return type.equals("S") || type.equals("N") || type.equals("B");
    }

    /**
     * DynamoDB's equality: same type and same content, numbers compared numerically, sets regardless
     * of order, maps and lists deeply.
     */
    public static boolean sameValue(AttributeValue a, AttributeValue b) {
        String type = typeName(a);
        if (!type.equals(typeName(b))) {
            return false;
        }
        return switch (type) {
            case "S" -> a.s().equals(b.s());
            case "N" -> new BigDecimal(a.n()).compareTo(new BigDecimal(b.n())) == 0;
            case "B" -> a.b().equals(b.b());
            case "BOOL" -> a.bool().equals(b.bool());
            case "NULL" -> true;
            case "SS" -> new HashSet<>(a.ss()).equals(new HashSet<>(b.ss()));
            case "NS" -> numberSet(a.ns()).equals(numberSet(b.ns()));
            case "BS" -> new HashSet<>(a.bs()).equals(new HashSet<>(b.bs()));
            case "L" -> sameList(a.l(), b.l());
            case "M" -> sameMap(a.m(), b.m());
            default -> false;
        };
    }

    /**
     * A value's size as the service counts it: S its UTF-8 bytes, B its raw bytes, N one byte per pair
     * of significant digits (pairs aligned on the decimal point) plus one, plus one more if negative;
     * BOOL and NULL one byte; sets the sum of their members; L and M three bytes plus, per element, one
     * byte and its size (and, in a map, its name's UTF-8 bytes).
     */
    public static long size(AttributeValue value) {
        return switch (typeName(value)) {
            case "S" -> utf8Length(value.s());
            case "N" -> numberSize(value.n());
            case "B" -> value.b().asByteArrayUnsafe().length;
            case "BOOL", "NULL" -> 1;
            case "SS" ->
                value.ss().stream().mapToLong(AttributeValues::utf8Length).sum();
            case "NS" ->
                value.ns().stream().mapToLong(AttributeValues::numberSize).sum();
            case "BS" ->
                value.bs().stream().mapToLong(b -> b.asByteArrayUnsafe().length).sum();
            case "L" ->
                3 + value.l().stream().mapToLong(element -> 1 + size(element)).sum();
            case "M" -> 3 + value.m().size() + itemSize(value.m());
            default -> 0;
        };
    }

    /** An item's size: the sum, over its attributes, of the name's UTF-8 bytes and the value's size. */
    public static long itemSize(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> entry : item.entrySet()) {
            total += utf8Length(entry.getKey()) + size(entry.getValue());
        }
        return total;
    }

    /** The value's type as DynamoDB names it: S, N, B, SS, NS, BS, M, L, NULL or BOOL. */
    public static String typeName(AttributeValue value) {
        return switch (value.type()) {
            case S -> "S";
            case N -> "N";
            case B -> "B";
            case SS -> "SS";
            case NS -> "NS";
            case BS -> "BS";
            case M -> "M";
            case L -> "L";
            case BOOL -> "BOOL";
            case NUL -> "NULL";
            case UNKNOWN_TO_SDK_VERSION -> "UNKNOWN";
        };
    }

    /** The UTF-8 length of a string, without encoding it. */
    public static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** Strings in UTF-8 byte order, which is code point order. */
    private static int compareStrings(String a, String b) {
        Iterator<Integer> left = a.codePoints().iterator();
        Iterator<Integer> right = b.codePoints().iterator();
        while (left.hasNext() && right.hasNext()) {
            int difference = Integer.compare(left.next(), right.next());
            if (difference != 0) {
                return difference;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    private static Set<BigDecimal> numberSet(List<String> numbers) {
        Set<BigDecimal> set = new HashSet<>();
        numbers.forEach(n -> set.add(new BigDecimal(n).stripTrailingZeros()));
        return set;
    }

    private static boolean sameList(List<AttributeValue> a, List<AttributeValue> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameValue(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameMap(Map<String, AttributeValue> a, Map<String, AttributeValue> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, AttributeValue> entry : a.entrySet()) {
            if (!sameValue(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static long numberSize(String text) {
        BigDecimal number = new BigDecimal(text).stripTrailingZeros();
        if (number.signum() == 0) {
            return 1;
        }
        int digits = number.precision();
        long leading = (long) digits - number.scale() - 1; // power of ten of the first significant digit
        long trailing = leading - digits + 1;
        long pairs = Math.floorDiv(leading, 2) - Math.floorDiv(trailing, 2) + 1;
        return 1 + pairs + (number.signum() < 0 ? 1 : 0);
    }

    /**
     * The checked value, the same instance when nothing needed canonicalising; depth counts the maps and
     * lists around {@code value}.
     */
    private static AttributeValue checked(AttributeValue value, int depth) {
        if (value == null) {
            throw new InvalidValue(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        int types = typeCount(value);
        if (types == 0) {
            throw new InvalidValue(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (types > 1) {
            throw new InvalidValue("Supplied AttributeValue has more than one datatypes set, "
                    + "must contain exactly one of the supported datatypes");
        }
        return switch (typeName(value)) {
            case "N" -> {
                String canonical = canonical(value.n());
                yield canonical.equals(value.n()) ? value : AttributeValue.fromN(canonical);
            }
            case "NULL" -> {
                if (!value.nul()) {
                    throw new InvalidValue(INVALID + "Null attribute value types must have the value of true");
                }
                yield value;
            }
            case "SS" -> checkedStringSet(value);
            case "NS" -> checkedNumberSet(value);
            case "BS" -> checkedBinarySet(value);
            case "L" -> {
                requireDepth(depth + 1);
                List<AttributeValue> elements = new ArrayList<>(value.l().size());
                boolean changed = false;
                for (AttributeValue element : value.l()) {
                    AttributeValue checked = checked(element, depth + 1);
                    changed |= checked != element;
                    elements.add(checked);
                }
                yield changed ? AttributeValue.fromL(elements) : value;
            }
            case "M" -> {
                requireDepth(depth + 1);
                Map<String, AttributeValue> members = new LinkedHashMap<>();
                boolean changed = false;
                for (Map.Entry<String, AttributeValue> member : value.m().entrySet()) {
                    AttributeValue checked = checked(member.getValue(), depth + 1);
                    changed |= checked != member.getValue();
                    members.put(member.getKey(), checked);
                }
                yield changed ? AttributeValue.fromM(members) : value;
            }
            default -> value;
        };
    }

    // Documentation is silent on how levels are counted: the engine counts the maps and lists enclosing
    // a value, so a top-level map is level 1 and 32 nested maps or lists are accepted, 33 refused.
    private static void requireDepth(int depth) {
        if (depth > MAX_NESTING) {
            throw new InvalidValue("Nesting Levels have exceeded supported limits");
        }
    }

    private static AttributeValue checkedStringSet(AttributeValue value) {
        if (value.ss().isEmpty()) {
            throw new InvalidValue(INVALID + "An string set  may not be empty");
        }
        if (new HashSet<>(value.ss()).size() != value.ss().size()) {
            throw new InvalidValue(INVALID + "Input collection " + value.ss() + " contains duplicates.");
        }
        return value;
    }

    private static AttributeValue checkedNumberSet(AttributeValue value) {
        if (value.ns().isEmpty()) {
            throw new InvalidValue(INVALID + "An number set  may not be empty");
        }
        List<String> canonical = new ArrayList<>(value.ns().size());
        value.ns().forEach(n -> canonical.add(canonical(n)));
        if (new HashSet<>(canonical).size() != canonical.size()) {
            throw new InvalidValue("Input collection contains duplicates");
        }
        return canonical.equals(value.ns()) ? value : AttributeValue.fromNs(canonical);
    }

    private static AttributeValue checkedBinarySet(AttributeValue value) {
        if (value.bs().isEmpty()) {
            throw new InvalidValue(INVALID + "Binary sets should not be empty");
        }
        if (new HashSet<>(value.bs()).size() != value.bs().size()) {
            List<String> shown = value.bs().stream().map(SdkBytes::asUtf8String).toList();
            throw new InvalidValue(INVALID + "Input collection " + shown + "of type BS contains duplicates.");
        }
        return value;
    }

    private static int typeCount(AttributeValue value) {
        int count = 0;
        count += value.s() != null ? 1 : 0;
        count += value.n() != null ? 1 : 0;
        count += value.b() != null ? 1 : 0;
        count += value.bool() != null ? 1 : 0;
        count += value.nul() != null ? 1 : 0;
        count += value.hasSs() ? 1 : 0;
        count += value.hasNs() ? 1 : 0;
        count += value.hasBs() ? 1 : 0;
        count += value.hasM() ? 1 : 0;
        count += value.hasL() ? 1 : 0;
        return count;
    }

    private static String canonical(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidValue("The parameter cannot be converted to a numeric value");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new InvalidValue("The parameter cannot be converted to a numeric value: " + text);
        }
        number = number.stripTrailingZeros();
        if (number.signum() == 0) {
            return "0";
        }
        long leading = (long) number.precision() - number.scale() - 1;
        if (leading > MAX_EXPONENT) {
            throw new InvalidValue(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (leading < MIN_EXPONENT) {
            throw new InvalidValue(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        if (number.precision() > MAX_DIGITS) {
            throw new InvalidValue("Attempting to store more than 38 significant digits in a Number");
        }
        return number.toPlainString();
    }

    /** A rule broken by a value; turned into the framed ValidationException by the public methods. */
    private static final class InvalidValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidValue(String message) {
            super(message, null, false, false);
        }
    }
}
