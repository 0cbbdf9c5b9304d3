package dev.excalibur.build;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails a module's build when its public API differs from the dump checked in at {@code api/<artifactId>.api}.
 *
 * <p>The public API is every public type (and public or protected nested type) outside packages with an
 * {@code internal} segment and not annotated {@code @InternalApi}, with its public and protected constructors,
 * methods and fields, one line each. The parent POM runs this test in every module that has an {@code api}
 * directory, passing the compiled classes ({@code excalibur.api.classes}) and the dump
 * ({@code excalibur.api.file}); with {@code -Dexcalibur.api.update=true} it rewrites the dump instead of failing.
 */
public class PublicApiTest {

    private static final String INTERNAL_API = "InternalApi";
    private static final Pattern TYPE_NAME =
            Pattern.compile("(?:^| )(?:class|interface|enum|record|@interface) ([^ <(]+)");

    @Test
    void publicApiMatchesTheCheckedInDump() throws IOException {
        Path classes = Path.of(requiredProperty("excalibur.api.classes"));
        Path dump = Path.of(requiredProperty("excalibur.api.file"));
        String module = dump.getFileName().toString().replaceFirst("\\.api$", "");
        String actual = render(classes, Thread.currentThread().getContextClassLoader());
        if (Boolean.getBoolean("excalibur.api.update")) {
            Files.createDirectories(dump.getParent());
            Files.writeString(dump, actual);
            return;
        }
        if (!Files.exists(dump)) {
            fail("The public API of " + module + " has no dump at " + dump + ". Create it with\n"
                    + acceptCommand(module));
        }
        difference(Files.readString(dump), actual, module).ifPresent(message -> fail(message));
    }

    /** The public API of the classes under {@code classes} (loaded, not initialized, through {@code loader}). */
    static String render(Path classes, ClassLoader loader) {
        List<Class<?>> types;
        try (Stream<Path> files = Files.walk(classes)) {
            types = files.map(classes::relativize)
                    .map(Path::toString)
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.endsWith("module-info.class") && !name.endsWith("package-info.class"))
                    .map(name -> name.substring(0, name.length() - ".class".length())
                            .replace('/', '.')
                            .replace('\\', '.'))
                    .map(name -> load(name, loader))
                    .filter(PublicApiTest::isPublicApi)
                    .sorted(Comparator.comparing(Class::getName))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the compiled classes in " + classes, e);
        }
        StringBuilder dump = new StringBuilder();
        for (Class<?> type : types) {
            if (dump.length() > 0) {
                dump.append('\n');
            }
            dump.append(declaration(type)).append('\n');
            members(type).forEach(member -> dump.append("  ").append(member).append('\n'));
        }
        return dump.toString();
    }

    /**
     * The lines added to and removed from {@code expected} in {@code actual}, each named with its type, and how to
     * accept them; empty when both dumps hold the same lines.
     */
    static Optional<String> difference(String expected, String actual, String module) {
        Set<String> before = entries(expected);
        Set<String> after = entries(actual);
        List<String> added =
                after.stream().filter(entry -> !before.contains(entry)).collect(Collectors.toList());
        List<String> removed =
                before.stream().filter(entry -> !after.contains(entry)).collect(Collectors.toList());
        if (added.isEmpty() && removed.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder message =
                new StringBuilder("The public API of " + module + " no longer matches api/" + module + ".api.\n");
        added.forEach(entry -> message.append("  + ").append(entry).append('\n'));
        removed.forEach(entry -> message.append("  - ").append(entry).append('\n'));
        message.append("If the change is deliberate, accept it with\n")
                .append(acceptCommand(module))
                .append("\nand commit api/")
                .append(module)
                .append(".api with it.");
        return Optional.of(message.toString());
    }

    private static String acceptCommand(String module) {
        return "  mvn -pl " + module + " -am verify -Dexcalibur.api.update=true";
    }

    /** A dump's lines, members prefixed with their type's name so that equal members of two types stay apart. */
    private static Set<String> entries(String dump) {
        Set<String> entries = new LinkedHashSet<>();
        String type = "";
        for (String line : dump.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith(" ")) {
                entries.add(type + ": " + line.strip());
            } else {
                Matcher name = TYPE_NAME.matcher(line);
                type = name.find() ? name.group(1) : line;
                entries.add(line);
            }
        }
        return entries;
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; the parent POM's "
                    + "public-api-check profile sets it for modules with an api directory");
        }
        return value;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Compiled class " + name + " is not on the test class path", e);
        }
    }

    private static boolean isPublicApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        if (("." + type.getPackageName() + ".").contains(".internal.")) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            boolean visible = Modifier.isPublic(t.getModifiers())
                    || (t.getDeclaringClass() != null && Modifier.isProtected(t.getModifiers()));
            if (!visible || isInternalApi(t)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInternalApi(AnnotatedElement element) {
        return Arrays.stream(element.getDeclaredAnnotations())
                .anyMatch(annotation ->
                        annotation.annotationType().getSimpleName().equals(INTERNAL_API));
    }

    private static boolean isPublicApi(Member member) {
        int modifiers = member.getModifiers();
        return (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers))
                && !member.isSynthetic()
                && !isInternalApi((AnnotatedElement) member);
    }

    private static String declaration(Class<?> type) {
        int modifiers = type.getModifiers() & Modifier.classModifiers();
        String kind;
        if (type.isAnnotation()) {
            kind = "@interface";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC);
        } else if (type.isInterface()) {
            kind = "interface";
            modifiers &= ~(Modifier.ABSTRACT | Modifier.STATIC);
        } else if (type.isEnum()) {
            kind = "enum";
            modifiers &= ~Modifier.STATIC;
        } else if (type.isRecord()) {
            kind = "record";
            modifiers &= ~Modifier.STATIC;
        } else {
            kind = "class";
        }
        StringBuilder line = new StringBuilder(Modifier.toString(modifiers));
        if (type.isSealed()) {
            line.append(" sealed");
        } else if (!Modifier.isFinal(modifiers) && hasSealedSupertype(type)) {
            line.append(" non-sealed");
        }
        line.append(' ').append(kind).append(' ').append(name(type)).append(typeParameters(type.getTypeParameters()));
        if (type.isRecord()) {
            line.append(Arrays.stream(type.getRecordComponents())
                    .map(component -> name(component.getGenericType()) + " " + component.getName())
                    .collect(Collectors.joining(", ", "(", ")")));
        }
        Type superclass = type.getGenericSuperclass();
        if (kind.equals("class") && superclass != null && superclass != Object.class) {
            line.append(" extends ").append(name(superclass));
        }
        List<String> interfaces = Arrays.stream(type.getGenericInterfaces())
                .filter(i -> !(type.isAnnotation() && i == java.lang.annotation.Annotation.class))
                .map(PublicApiTest::name)
                .collect(Collectors.toList());
        if (!interfaces.isEmpty()) {
            line.append(type.isInterface() ? " extends " : " implements ").append(String.join(", ", interfaces));
        }
        if (type.isSealed()) {
            line.append(" permits ")
                    .append(Arrays.stream(type.getPermittedSubclasses())
                            .map(PublicApiTest::name)
                            .collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    private static boolean hasSealedSupertype(Class<?> type) {
        return (type.getSuperclass() != null && type.getSuperclass().isSealed())
                || Arrays.stream(type.getInterfaces()).anyMatch(Class::isSealed);
    }

    private static List<String> members(Class<?> type) {
        List<String> members = new ArrayList<>();
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (isPublicApi(constructor)) {
                members.add(executable(constructor, type.getSimpleName()));
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (isPublicApi(method) && !method.isBridge()) {
                String signature = executable(method, name(method.getGenericReturnType()) + " " + method.getName());
                members.add(method.isDefault() ? signature.replaceFirst("^public ", "public default ") : signature);
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (isPublicApi(field)) {
                members.add(
                        field.isEnumConstant()
                                ? "enum constant " + field.getName()
                                : Modifier.toString(field.getModifiers() & ~(Modifier.VOLATILE | Modifier.TRANSIENT))
                                        + " " + name(field.getGenericType()) + " " + field.getName());
            }
        }
        members.sort(Comparator.naturalOrder());
        return members;
    }

    /** Modifiers, type parameters, {@code nameAndResult} (the result type first for methods), parameters, throws. */
    private static String executable(Executable executable, String nameAndResult) {
        int keep = Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL | Modifier.ABSTRACT;
        StringBuilder line = new StringBuilder(Modifier.toString(executable.getModifiers() & keep)).append(' ');
        String typeParameters = typeParameters(executable.getTypeParameters());
        if (!typeParameters.isEmpty()) {
            line.append(typeParameters).append(' ');
        }
        List<String> parameters = Arrays.stream(executable.getGenericParameterTypes())
                .map(PublicApiTest::name)
                .collect(Collectors.toCollection(ArrayList::new));
        if (executable.isVarArgs() && !parameters.isEmpty()) {
            String last = parameters.remove(parameters.size() - 1);
            parameters.add(last.substring(0, last.length() - 2) + "...");
        }
        line.append(nameAndResult)
                .append('(')
                .append(String.join(", ", parameters))
                .append(')');
        Type[] exceptions = executable.getGenericExceptionTypes();
        if (exceptions.length > 0) {
            line.append(" throws ")
                    .append(Arrays.stream(exceptions).map(PublicApiTest::name).collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    private static String typeParameters(TypeVariable<?>[] parameters) {
        if (parameters.length == 0) {
            return "";
        }
        return Arrays.stream(parameters)
                .map(parameter -> {
                    Type[] bounds = parameter.getBounds();
                    if (bounds.length == 1 && bounds[0] == Object.class) {
                        return parameter.getName();
                    }
                    return parameter.getName() + " extends "
                            + Arrays.stream(bounds).map(PublicApiTest::name).collect(Collectors.joining(" & "));
                })
                .collect(Collectors.joining(", ", "<", ">"));
    }

    private static String name(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isArray()) {
                return name(c.getComponentType()) + "[]";
            }
            return c.getCanonicalName() != null ? c.getCanonicalName() : c.getName();
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            String rawName = p.getOwnerType() instanceof ParameterizedType owner
                    ? name(owner) + "." + raw.getSimpleName()
                    : name(raw);
            return rawName
                    + Arrays.stream(p.getActualTypeArguments())
                            .map(PublicApiTest::name)
                            .collect(Collectors.joining(", ", "<", ">"));
        }
        if (type instanceof WildcardType w) {
            if (w.getLowerBounds().length > 0) {
                return "? super " + name(w.getLowerBounds()[0]);
            }
            Type[] upper = w.getUpperBounds();
            return upper.length == 0 || upper[0] == Object.class ? "?" : "? extends " + name(upper[0]);
        }
        if (type instanceof GenericArrayType g) {
            return name(g.getGenericComponentType()) + "[]";
        }
        return type.getTypeName(); // a type variable
    }
}
