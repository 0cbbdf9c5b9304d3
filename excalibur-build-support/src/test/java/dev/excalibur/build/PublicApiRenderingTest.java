package dev.excalibur.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.build.fixture.Widget;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicApiRenderingTest {

    private static String dump;

    /** Renders the fixture package alone, from a copy of its class files. */
    @BeforeAll
    static void renderTheFixtures(@TempDir Path classes) throws IOException, URISyntaxException {
        Path testClasses = Path.of(
                Widget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path fixtures = testClasses.resolve("dev/excalibur/build/fixture");
        try (Stream<Path> files = Files.walk(fixtures)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = classes.resolve(testClasses.relativize(file));
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        dump = PublicApiTest.render(classes, PublicApiRenderingTest.class.getClassLoader());
    }

    @Test
    void rendersTypesWithGenericSignaturesOneLinePerElement() {
        assertThat(dump).isEqualTo("""
                public class dev.excalibur.build.fixture.Widget<T extends java.lang.Comparable<T>> implements java.util.function.Supplier<java.util.List<T>>
                  protected int count
                  public <R> java.util.Map<java.lang.String, ? extends R> map(java.util.function.Function<? super T, R>, java.lang.String...) throws java.io.IOException
                  public Widget()
                  public java.util.List<T> get()
                  public static final java.lang.String NAME

                public final record dev.excalibur.build.fixture.Widget.Part<V>(java.lang.String name, java.util.List<V> values)
                  public Part(java.lang.String, java.util.List<V>)
                  public final boolean equals(java.lang.Object)
                  public final int hashCode()
                  public final java.lang.String toString()
                  public java.lang.String name()
                  public java.util.List<V> values()

                public final enum dev.excalibur.build.fixture.Widget.Size
                  enum constant LARGE
                  enum constant SMALL
                  public static dev.excalibur.build.fixture.Widget.Size valueOf(java.lang.String)
                  public static dev.excalibur.build.fixture.Widget.Size[] values()
                """);
    }

    @Test
    void leavesOutInternalPackages() {
        assertThat(dump).doesNotContain("InternalWidget");
    }

    @Test
    void leavesOutTypesAndMembersAnnotatedInternalApi() {
        assertThat(dump).doesNotContain("HiddenWidget").doesNotContain("forTheLibraryOnly");
    }

    @Test
    void leavesOutPackagePrivateTypesAndMembers() {
        assertThat(dump).doesNotContain("PackagePrivateWidget").doesNotContain("packagePrivate");
    }

    @Test
    void reportsAChangedSignatureAsOneLineAddedAndOneRemoved() {
        String before =
                "public class a.Widget\n  public void resize(long)\n\npublic class a.Other\n  public void resize(long)\n";
        String after =
                "public class a.Widget\n  public void resize(int)\n\npublic class a.Other\n  public void resize(long)\n";

        assertThat(PublicApiTest.difference(before, after, "excalibur-widgets")).hasValue("""
                The public API of excalibur-widgets no longer matches api/excalibur-widgets.api.
                  + a.Widget: public void resize(int)
                  - a.Widget: public void resize(long)
                If the change is deliberate, accept it with
                  mvn -pl excalibur-widgets -am verify -Dexcalibur.api.update=true
                and commit api/excalibur-widgets.api with it.""");
        assertThat(PublicApiTest.difference(before, before, "excalibur-widgets"))
                .isEmpty();
    }
}
