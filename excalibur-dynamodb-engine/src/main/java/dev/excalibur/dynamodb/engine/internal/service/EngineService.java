package dev.excalibur.dynamodb.engine.internal.service;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.Objects;

/**
 * The engine's DynamoDB operations on the SDK's model types: every DynamoDB call the engine answers
 * is a method of this class (the Streams API, a separate SDK interface, gets a twin class); a call it does not implement keeps the SDK interface's
 * default, which the transport answers with the service's {@code UnknownOperationException}.
 * Thread-safe. Internal to the engine: users reach it through {@code DynamoDbEngine}'s clients.
 */
public final class EngineService implements DynamoDbClient {

    private final Clock clock;
    private final String region;
    private final String accountId;

    public EngineService(Clock clock, String region, String accountId) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public String serviceName() {
        return "dynamodb";
    }

    @Override
    public void close() {
    }
}
