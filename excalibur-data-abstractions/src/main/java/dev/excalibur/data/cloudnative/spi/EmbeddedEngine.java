package dev.excalibur.data.cloudnative.spi;

import java.util.Optional;

/**
 * An embedded database engine on the class path (a test kit), found by providers through
 * {@link java.util.ServiceLoader}: it hands out its clients, and names the twin of a client it made
 * (the change-stream client that talks to the same engine as a data client), so a provider given
 * only the data client still reaches the engine's change streams.
 *
 * <p>A service-provider interface for test kits; applications neither implement nor call it.
 * Implementations are thread-safe and start their engine lazily, on the first {@link #client} call.
 */
public interface EmbeddedEngine {

    /**
     * The engine's shared client of {@code type}, or empty if this engine has none of that type.
     *
     * @throws IllegalStateException if the engine could not be started
     */
    <T> Optional<T> client(Class<T> type);

    /**
     * The engine's client of {@code type} that talks to the same engine as {@code client}, or empty
     * when {@code client} was not made by this engine (or it has no client of that type).
     * Never starts an engine.
     */
    <T> Optional<T> twin(Object client, Class<T> type);
}
