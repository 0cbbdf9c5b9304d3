package dev.excalibur.dynamodb.codec.internal;

import java.lang.annotation.Annotation;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps one plain record type straight between its components and an item, exactly as the codec's default
 * Jackson mapper does, without Jackson's per-call work. {@link #of} makes one only for a record Jackson maps in
 * its default way: no Jackson annotations anywhere in its type hierarchy, Jackson's property names equal to the
 * component names in component order, one constructor, and components of the supported types (strings,
 * booleans, ints, longs, big integers and decimals, instants, local dates, enums, {@code List}s of those, and
 * nested records of the same kind). Whatever it cannot map as Jackson would (an unstorable number, a failing
 * accessor or constructor, an attribute of another DynamoDB type, text that does not parse) it leaves to
 * Jackson: {@link #write} returns null and {@link #read} {@link #UNMAPPED}. Immutable and thread-safe.
 */
final class RecordMapper {

    /** What {@link #read} returns for an item only Jackson can decide about. */
    static final Object UNMAPPED = new Object();

    private static final MethodType ACCESSOR = MethodType.methodType(Object.class, Object.class);
    private static final MethodType FUNCTION = MethodType.methodType(Function.class);
    private static final MethodType CONSTRUCTOR = MethodType.methodType(Object.class, Object[].class);

    private final String[] names;
    /** Each component's accessor (a primitive boxed). */
    private final Function<Object, Object>[] accessors;

    private final Value[] values;
    /** What Jackson reads for each component when its attribute is missing or NULL (0 / false for primitives). */
    private final @Nullable Object[] absent;
    /** The canonical constructor, spread: {@code (Object[]) Object}. */
    private final MethodHandle constructor;

    private final int capacity;

    private RecordMapper(
            String[] names,
            Function<Object, Object>[] accessors,
            Value[] values,
            @Nullable Object[] absent,
            MethodHandle constructor) {
        this.names = names;
        this.accessors = accessors;
        this.values = values;
        this.absent = absent;
        this.constructor = constructor;
        this.capacity = (int) (names.length / 0.75f) + 1;
    }

    /** The mapper for the type, or null when Jackson has to map it (see the class comment). */
    static @Nullable RecordMapper of(Class<?> type, ItemBinding binding) {
        return of(type, binding, new HashSet<>());
    }

    private static @Nullable RecordMapper of(Class<?> type, ItemBinding binding, Set<Class<?>> enclosing) {
        if (!type.isRecord() || !enclosing.add(type) || !plain(type, binding)) {
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        int count = components.length;
        String[] names = new String[count];
        Class<?>[] parameters = new Class<?>[count];
        for (int i = 0; i < count; i++) {
            names[i] = components[i].getName();
            parameters[i] = components[i].getType();
        }
        if (constructors.length != 1
                || !Arrays.equals(constructors[0].getParameterTypes(), parameters)
                || !binding.writtenPropertyNames(type).equals(List.of(names))
                || !binding.propertyNames(type).equals(Set.of(names))) {
            return null;
        }
        @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
        Function<Object, Object>[] accessors = new Function[count];
        Value[] values = new Value[count];
        Object[] absent = new Object[count];
        try {
            for (int i = 0; i < count; i++) {
                Value value = value(components[i].getGenericType(), binding, enclosing);
                if (value == null) {
                    return null;
                }
                values[i] = value;
                absent[i] = defaultValue(parameters[i]);
                accessors[i] = accessor(components[i].getAccessor());
            }
            MethodHandle constructor = MethodHandles.lookup()
                    .unreflectConstructor(accessible(constructors[0]))
                    .asSpreader(Object[].class, count)
                    .asType(CONSTRUCTOR);
            enclosing.remove(type);
            return new RecordMapper(names, accessors, values, absent, constructor);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    /**
     * The item for a record of the type, or null when Jackson has to write it (an accessor failed, a number
     * DynamoDB cannot store: Jackson reports those).
     */
    @Nullable
    Map<String, AttributeValue> write(Object record) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(capacity);
        for (int i = 0; i < names.length; i++) {
            Object component;
            try {
                component = accessors[i].apply(record);
            } catch (RuntimeException e) {
                return null;
            }
            AttributeValue attribute = component == null ? ItemWriter.NULL : values[i].write(component);
            if (attribute == null) {
                return null;
            }
            item.put(names[i], attribute);
        }
        return item;
    }

    /**
     * The record for an item (attributes of other names ignored), or {@link #UNMAPPED} when Jackson has to read
     * it (an attribute of another type, text or a number that does not convert, a failing constructor).
     */
    Object read(Map<String, AttributeValue> item) {
        Object[] arguments = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            AttributeValue attribute = item.get(names[i]);
            Object component = attribute == null || attribute.type() == AttributeValue.Type.NUL
                    ? absent[i]
                    : values[i].read(attribute);
            if (component == UNMAPPED) {
                return UNMAPPED;
            }
            arguments[i] = component;
        }
        try {
            return (Object) constructor.invokeExact(arguments);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            return UNMAPPED;
        }
    }

    /**
     * Whether Jackson sees no annotation of its own on the type, its supertypes or any of their members (an
     * annotation on an interface method, say, applies to the record's accessor).
     */
    private static boolean plain(Class<?> type, ItemBinding binding) {
        List<Class<?>> types = hierarchy(type, new ArrayList<>());
        if (type.isEnum()) {
            // constants with a body are subclasses of their enum
            for (Object constant : type.getEnumConstants()) {
                hierarchy(constant.getClass(), types);
            }
        }
        List<AnnotatedElement> elements = new ArrayList<>();
        for (Class<?> member : types) {
            elements.add(member);
            elements.addAll(Arrays.asList(member.getDeclaredFields()));
            addExecutables(elements, member.getDeclaredMethods());
            addExecutables(elements, member.getDeclaredConstructors());
            if (member.isRecord()) {
                elements.addAll(Arrays.asList(member.getRecordComponents()));
            }
        }
        for (AnnotatedElement element : elements) {
            for (Annotation annotation : element.getDeclaredAnnotations()) {
                if (jackson(annotation, binding)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Jackson's own annotation, or one it reads through a meta-annotation (an annotation bundle, say). */
    private static boolean jackson(Annotation annotation, ItemBinding binding) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (binding.readsAnnotation(type)) {
            return true;
        }
        for (Annotation meta : type.getDeclaredAnnotations()) {
            if (binding.readsAnnotation(meta.annotationType())) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> hierarchy(Class<?> type, List<Class<?>> types) {
        if (type == Object.class || type == Record.class || type == Enum.class || types.contains(type)) {
            return types;
        }
        types.add(type);
        for (Class<?> supertype : type.getInterfaces()) {
            hierarchy(supertype, types);
        }
        if (type.getSuperclass() != null) {
            hierarchy(type.getSuperclass(), types);
        }
        return types;
    }

    private static void addExecutables(List<AnnotatedElement> elements, Executable[] executables) {
        for (Executable executable : executables) {
            elements.add(executable);
            elements.addAll(Arrays.asList(executable.getParameters()));
        }
    }

    /**
     * The accessor as a function: a lambda class that calls it directly (so the JIT inlines it) where the record's
     * package is open to this module, else its method handle (record accessors throw no checked exceptions).
     */
    @SuppressWarnings("unchecked")
    private static Function<Object, Object> accessor(Method method) throws IllegalAccessException {
        try {
            MethodHandles.Lookup lookup =
                    MethodHandles.privateLookupIn(method.getDeclaringClass(), MethodHandles.lookup());
            MethodHandle target = lookup.unreflect(method);
            return (Function<Object, Object>) LambdaMetafactory.metafactory(
                            lookup,
                            "apply",
                            FUNCTION,
                            ACCESSOR,
                            target,
                            target.type().wrap())
                    .getTarget()
                    .invoke();
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            MethodHandle handle =
                    MethodHandles.lookup().unreflect(accessible(method)).asType(ACCESSOR);
            return record -> {
                try {
                    return (Object) handle.invokeExact(record);
                } catch (RuntimeException | Error failure) {
                    throw failure;
                } catch (Throwable failure) {
                    throw new IllegalStateException(failure);
                }
            };
        }
    }

    private static <T extends AccessibleObject> T accessible(T member) throws IllegalAccessException {
        if (!member.trySetAccessible()) {
            throw new IllegalAccessException(member + " is not accessible");
        }
        return member;
    }

    private static @Nullable Object defaultValue(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return type == boolean.class ? Boolean.FALSE : null;
    }

    /** The value of a component or element of the declared type, or null when the type is not supported. */
    private static @Nullable Value value(Type type, ItemBinding binding, Set<Class<?>> enclosing) {
        if (type instanceof ParameterizedType) {
            ParameterizedType parameterized = (ParameterizedType) type;
            Type element = parameterized.getActualTypeArguments()[0];
            if (parameterized.getRawType() != List.class
                    || !(element instanceof Class)
                    || ((Class<?>) element).isPrimitive()) {
                return null;
            }
            Value elements = value(element, binding, enclosing);
            return elements == null ? null : new ListValue(elements);
        }
        if (!(type instanceof Class)) {
            return null;
        }
        Class<?> raw = (Class<?>) type;
        Scalar scalar = Scalar.of(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isEnum()) {
            return plain(raw, binding) ? new EnumValue(raw) : null;
        }
        RecordMapper nested = of(raw, binding, enclosing);
        return nested == null ? null : new RecordValue(nested);
    }

    /** One component's conversion; null components and NULL attributes are handled by the record. */
    private interface Value {

        /** The attribute for a non-null value, or null when Jackson has to write it. */
        @Nullable
        AttributeValue write(Object value);

        /** The value for a non-NULL attribute, or {@link #UNMAPPED} when Jackson has to read it. */
        @Nullable
        Object read(AttributeValue attribute);
    }

    private enum Scalar implements Value {
        STRING {
            @Override
            public AttributeValue write(Object value) {
                return AttributeValue.fromS((String) value);
            }

            @Override
            public Object read(AttributeValue attribute) {
                return attribute.type() == AttributeValue.Type.S ? attribute.s() : UNMAPPED;
            }
        },
        BOOLEAN {
            @Override
            public AttributeValue write(Object value) {
                return (Boolean) value ? ItemWriter.TRUE : ItemWriter.FALSE;
            }

            @Override
            public Object read(AttributeValue attribute) {
                return attribute.type() == AttributeValue.Type.BOOL ? attribute.bool() : UNMAPPED;
            }
        },
        INT {
            @Override
            public AttributeValue write(Object value) {
                return AttributeValue.fromN(Integer.toString((Integer) value));
            }

            @Override
            public Object read(AttributeValue attribute) {
                return parse(integral(attribute), Integer::parseInt);
            }
        },
        LONG {
            @Override
            public AttributeValue write(Object value) {
                return AttributeValue.fromN(Long.toString((Long) value));
            }

            @Override
            public Object read(AttributeValue attribute) {
                return parse(integral(attribute), Long::parseLong);
            }
        },
        BIG_INTEGER {
            @Override
            public @Nullable AttributeValue write(Object value) {
                String text = ItemWriter.integerText((BigInteger) value);
                return text == null ? null : AttributeValue.fromN(text);
            }

            @Override
            public Object read(AttributeValue attribute) {
                return parse(integral(attribute), BigInteger::new);
            }
        },
        BIG_DECIMAL {
            @Override
            public @Nullable AttributeValue write(Object value) {
                String text = ItemWriter.decimalText((BigDecimal) value);
                return text == null ? null : AttributeValue.fromN(text);
            }

            @Override
            public Object read(AttributeValue attribute) {
                return parse(attribute.type() == AttributeValue.Type.N ? attribute.n() : null, BigDecimal::new);
            }
        },
        INSTANT {
            @Override
            public AttributeValue write(Object value) {
                return AttributeValue.fromS(value.toString());
            }

            @Override
            public Object read(AttributeValue attribute) {
                String text = attribute.type() == AttributeValue.Type.S ? attribute.s() : null;
                // Jackson reads other forms (numbers, offsets, surrounding blanks) its own way
                return parse(text != null && text.endsWith("Z") ? text : null, Instant::parse);
            }
        },
        LOCAL_DATE {
            @Override
            public AttributeValue write(Object value) {
                return AttributeValue.fromS(value.toString());
            }

            @Override
            public Object read(AttributeValue attribute) {
                return parse(attribute.type() == AttributeValue.Type.S ? attribute.s() : null, LocalDate::parse);
            }
        };

        private static final Map<Class<?>, Scalar> BY_TYPE = Map.ofEntries(
                Map.entry(String.class, STRING),
                Map.entry(boolean.class, BOOLEAN),
                Map.entry(Boolean.class, BOOLEAN),
                Map.entry(int.class, INT),
                Map.entry(Integer.class, INT),
                Map.entry(long.class, LONG),
                Map.entry(Long.class, LONG),
                Map.entry(BigInteger.class, BIG_INTEGER),
                Map.entry(BigDecimal.class, BIG_DECIMAL),
                Map.entry(Instant.class, INSTANT),
                Map.entry(LocalDate.class, LOCAL_DATE));

        static @Nullable Scalar of(Class<?> type) {
            return BY_TYPE.get(type);
        }

        /** The parsed text, or {@link #UNMAPPED} when there is none or it does not parse. */
        private static Object parse(@Nullable String text, Function<String, Object> parser) {
            if (text == null) {
                return UNMAPPED;
            }
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                // NumberFormatException, DateTimeParseException: Jackson reports or reads it its own way
                return UNMAPPED;
            }
        }

        /** The text of an N without a fraction or an exponent (Jackson truncates or rounds the others). */
        private static @Nullable String integral(AttributeValue attribute) {
            return attribute.type() == AttributeValue.Type.N && ItemCursor.isIntegral(attribute.n())
                    ? attribute.n()
                    : null;
        }
    }

    /** An enum by {@code name()}; only exact names read. */
    private static final class EnumValue implements Value {

        private final Map<String, Object> constants = new HashMap<>();

        EnumValue(Class<?> type) {
            for (Object constant : type.getEnumConstants()) {
                constants.put(((Enum<?>) constant).name(), constant);
            }
        }

        @Override
        public AttributeValue write(Object value) {
            return AttributeValue.fromS(((Enum<?>) value).name());
        }

        @Override
        public Object read(AttributeValue attribute) {
            Object constant = attribute.type() == AttributeValue.Type.S ? constants.get(attribute.s()) : null;
            return constant == null ? UNMAPPED : constant;
        }
    }

    /** A {@code List} as L; null elements as NULL. */
    private static final class ListValue implements Value {

        private final Value elements;

        ListValue(Value elements) {
            this.elements = elements;
        }

        @Override
        public @Nullable AttributeValue write(Object value) {
            List<?> list = (List<?>) value;
            List<AttributeValue> attributes = new ArrayList<>(list.size());
            for (Object element : list) {
                AttributeValue attribute = element == null ? ItemWriter.NULL : elements.write(element);
                if (attribute == null) {
                    return null;
                }
                attributes.add(attribute);
            }
            return AttributeValue.fromL(attributes);
        }

        @Override
        public Object read(AttributeValue attribute) {
            if (attribute.type() != AttributeValue.Type.L) {
                return UNMAPPED;
            }
            List<AttributeValue> attributes = attribute.l();
            List<@Nullable Object> list = new ArrayList<>(attributes.size());
            for (AttributeValue element : attributes) {
                Object value = element.type() == AttributeValue.Type.NUL ? null : elements.read(element);
                if (value == UNMAPPED) {
                    return UNMAPPED;
                }
                list.add(value);
            }
            return list;
        }
    }

    /** A nested record as M. */
    private static final class RecordValue implements Value {

        private final RecordMapper mapper;

        RecordValue(RecordMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public @Nullable AttributeValue write(Object value) {
            Map<String, AttributeValue> map = mapper.write(value);
            return map == null ? null : AttributeValue.fromM(map);
        }

        @Override
        public Object read(AttributeValue attribute) {
            return attribute.type() == AttributeValue.Type.M ? mapper.read(attribute.m()) : UNMAPPED;
        }
    }
}
