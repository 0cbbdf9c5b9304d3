package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.dynamodb.codec.DocumentCodec;

/**
 * The service each codec module registers in {@code META-INF/services} so that {@link DocumentCodec#discover()}
 * finds it. Implementations must load without their Jackson: {@link #available()} says whether it is there.
 */
@InternalApi
public interface DocumentCodecFactory {

    /** The preference among available codecs: the highest wins (the Jackson major version). */
    int preference();

    /** Whether this codec's Jackson is on the class path. */
    boolean available();

    /** The codec in its default configuration. */
    DocumentCodec create();

    /** Whether the named class can be loaded by the loader of {@code owner} (without initializing it). */
    static boolean present(String className, Class<?> owner) {
        try {
            Class.forName(className, false, owner.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
