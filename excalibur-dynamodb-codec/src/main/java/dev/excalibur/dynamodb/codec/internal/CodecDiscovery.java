package dev.excalibur.dynamodb.codec.internal;

import dev.excalibur.data.InternalApi;
import dev.excalibur.dynamodb.codec.DocumentCodec;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/** Finds the default {@link DocumentCodec} through the {@link DocumentCodecFactory} services, once. */
@InternalApi
public final class CodecDiscovery {

    private static final int MAX_FAILED_PROVIDERS = 16;

    private static volatile @Nullable DocumentCodec defaultCodec;

    private CodecDiscovery() {}

    /**
     * The codec of the most preferred available factory, found on the first call and kept.
     *
     * @throws IllegalStateException if no factory is available (not kept: a later call looks again)
     */
    public static DocumentCodec defaultCodec() {
        DocumentCodec codec = defaultCodec;
        if (codec == null) {
            synchronized (CodecDiscovery.class) {
                codec = defaultCodec;
                if (codec == null) {
                    codec = best(ServiceLoader.load(DocumentCodecFactory.class, CodecDiscovery.class.getClassLoader()))
                            .create();
                    defaultCodec = codec;
                }
            }
        }
        return codec;
    }

    /**
     * The available factory with the highest preference; a factory that fails to load is passed over.
     *
     * @throws IllegalStateException if there is none
     */
    static DocumentCodecFactory best(Iterable<DocumentCodecFactory> factories) {
        @Nullable DocumentCodecFactory best = null;
        Iterator<DocumentCodecFactory> iterator = factories.iterator();
        // the loader makes a best effort to go on after a provider that fails; bounded, in case it cannot
        for (int failures = 0; failures < MAX_FAILED_PROVIDERS; ) {
            DocumentCodecFactory factory;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                factory = iterator.next();
            } catch (ServiceConfigurationError e) {
                failures++;
                continue;
            }
            if (factory.available() && (best == null || factory.preference() > best.preference())) {
                best = factory;
            }
        }
        if (best == null) {
            throw new IllegalStateException("No document codec on the class path: add"
                    + " dev.excalibur:excalibur-dynamodb-codec-jackson3 (with Jackson 3, tools.jackson) or"
                    + " dev.excalibur:excalibur-dynamodb-codec-jackson2 (with Jackson 2, com.fasterxml.jackson)");
        }
        return best;
    }
}
