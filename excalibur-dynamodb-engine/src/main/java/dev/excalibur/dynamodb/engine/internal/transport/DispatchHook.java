package dev.excalibur.dynamodb.engine.internal.transport;

import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkPojo;

/**
 * What the engine's test controls (fault rules, request log) see of each request at the
 * {@link EngineBridge}'s dispatch, in-process and over HTTP alike. Implementations must be thread-safe.
 * Internal to the engine.
 */
public interface DispatchHook {

    /** A hook that passes every request to the engine and records nothing. */
    DispatchHook NONE = new DispatchHook() {
        @Override
        public SdkPojo dispatch(String operation, SdkPojo request, UnaryOperator<SdkPojo> engine) {
            return engine.apply(request);
        }

        @Override
        public void answered(String operation, SdkPojo request, Answer answer) {}
    };

    /**
     * Runs a readable request of {@code operation} (its name without the API prefix, {@code "PutItem"}):
     * passes it, or a changed copy, to {@code engine} (or not at all) and returns the response to answer.
     * An {@code AwsServiceException} it throws (the engine's own, or a fault's) is answered as the service
     * answers it; any other exception is a 500 {@code InternalServerError}.
     */
    SdkPojo dispatch(String operation, SdkPojo request, UnaryOperator<SdkPojo> engine);

    /**
     * Called once for every answer the bridge gives, after it is made; {@code operation} is the target's
     * operation name (the whole target when it has no known prefix, null when absent), {@code request}
     * null when the request was not readable. Must not throw: the bridge never does.
     */
    void answered(String operation, SdkPojo request, Answer answer);
}
