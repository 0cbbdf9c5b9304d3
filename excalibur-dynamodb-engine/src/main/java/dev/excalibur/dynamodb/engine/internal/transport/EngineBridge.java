package dev.excalibur.dynamodb.engine.internal.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ClientEndpointProvider;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.http.HttpResponseHandler;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.protocols.core.OperationInfo;
import software.amazon.awssdk.protocols.json.AwsJsonProtocol;
import software.amazon.awssdk.protocols.json.AwsJsonProtocolFactory;
import software.amazon.awssdk.protocols.json.JsonOperationMetadata;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Answers AWS JSON 1.0 requests of DynamoDB and DynamoDB Streams by calling the engine's
 * implementations of the SDK interfaces directly: the {@code X-Amz-Target} header names the
 * operation, the body is read into the SDK's request type with the SDK's own JSON protocol, and the
 * engine's response (or service error) is written back the way the service writes it.
 *
 * <p>Errors: a target that names no operation of either API answers 400
 * {@code com.amazon.coral.service#UnknownOperationException} without a message, as the service does
 * for a missing or unknown target; an operation of the API that the engine leaves to the SDK
 * interface's default (which throws {@link UnsupportedOperationException}) answers the same code
 * with the message {@code Unknown operation exception}, as the service does for an operation an
 * endpoint does not offer; a body that is not a JSON object answers 400
 * {@code com.amazon.coral.service#SerializationException} without a message, one whose members do
 * not fit the request's shape the same code with the service's {@code Message} ({@link WireShapes}); an {@link AwsServiceException} thrown by
 * the engine answers its status, {@code com.amazonaws.dynamodb.v20120810#<code>}, its message and
 * its modeled fields ({@code Item}, {@code CancellationReasons}, ...); any other failure answers
 * 500 {@code InternalServerError} naming the failure. Every readable request goes to the engine through a
 * {@link DispatchHook} (the engine's test controls), and every answer is shown to it once made.
 * Thread-safe. Internal to the engine.
 */
public final class EngineBridge {

    static final String DYNAMODB_PREFIX = "DynamoDB_20120810.";
    static final String STREAMS_PREFIX = "DynamoDBStreams_20120810.";
    private static final String SERVICE_ERROR = "com.amazonaws.dynamodb.v20120810#";
    private static final String PROTOCOL_ERROR = "com.amazon.coral.service#";
    /** The error shapes whose message member the service model names {@code Message}; the others use {@code message}. */
    private static final Set<String> CAPITALISED_MESSAGE = Set.of(
            "TransactionCanceledException", "IdempotentParameterMismatchException", "TransactionInProgressException");

    private static final OperationInfo JSON_BODY = OperationInfo.builder()
            .requestUri("/")
            .httpMethod(SdkHttpMethod.POST)
            .hasExplicitPayloadMember(false)
            .hasPayloadMembers(true)
            .hasImplicitPayloadMembers(true)
            .build();
    private static final JsonOperationMetadata JSON_METADATA = JsonOperationMetadata.builder()
            .hasStreamingSuccessResponse(false)
            .isPayloadJson(true)
            .build();
    private static final JsonNodeParser JSON = JsonNode.parser();

    private final AwsJsonProtocolFactory protocol = AwsJsonProtocolFactory.builder()
            .protocol(AwsJsonProtocol.AWS_JSON)
            .protocolVersion("1.0")
            .clientConfiguration(SdkClientConfiguration.builder()
                    .option(
                            SdkClientOption.CLIENT_ENDPOINT_PROVIDER,
                            ClientEndpointProvider.forEndpointOverride(URI.create("http://localhost")))
                    .build())
            .build();
    private final Map<String, Operation> operations = new HashMap<>();
    private final DispatchHook hook;

    /** A bridge to the engine's DynamoDB and DynamoDB Streams implementations. */
    public EngineBridge(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams) {
        this(dynamoDb, streams, DispatchHook.NONE);
    }

    /** A bridge whose every request passes through {@code hook} (the engine's test controls). */
    public EngineBridge(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams, DispatchHook hook) {
        register(DYNAMODB_PREFIX, DynamoDbClient.class, Objects.requireNonNull(dynamoDb, "dynamoDb"));
        register(STREAMS_PREFIX, DynamoDbStreamsClient.class, Objects.requireNonNull(streams, "streams"));
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    /** The dispatch table: one entry per operation of the API interface (paginators and waiters left out), keyed by its wire target. */
    private void register(String prefix, Class<?> api, Object engine) {
        for (Method method : api.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length != 1
                    || !AwsRequest.class.isAssignableFrom(parameters[0])
                    || Modifier.isAbstract(parameters[0].getModifiers())
                    || !AwsResponse.class.isAssignableFrom(method.getReturnType())) {
                continue;
            }
            String requestType = parameters[0].getSimpleName();
            String name = requestType.substring(0, requestType.length() - "Request".length());
            try {
                operations.put(prefix + name, new Operation(api, engine, method, parameters[0].getMethod("builder")));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("SDK request type without builder(): " + parameters[0], e);
            }
        }
    }

    /**
     * Runs the operation named by {@code target} (the {@code X-Amz-Target} header, null when absent)
     * on the JSON {@code body}; never throws, every failure is an error answer.
     */
    public Answer handle(String target, byte[] body) {
        SdkPojo[] read = new SdkPojo[1];
        Answer answer = answer(target, body, read);
        hook.answered(operationName(target), read[0], answer);
        return answer;
    }

    /** The operation name of a target: without its API prefix, or the whole target when it has none of ours. */
    private static String operationName(String target) {
        if (target != null && (target.startsWith(DYNAMODB_PREFIX) || target.startsWith(STREAMS_PREFIX))) {
            return target.substring(target.indexOf('.') + 1);
        }
        return target;
    }

    /** The answer to one request; {@code read[0]} receives the request once it is read. */
    private Answer answer(String target, byte[] body, SdkPojo[] read) {
        Operation operation = target == null ? null : operations.get(target);
        if (operation == null) {
            return errorAnswer(400, PROTOCOL_ERROR + "UnknownOperationException", "message", null, "{}");
        }
        try {
            return run(operation, operationName(target), body, read);
        } catch (RuntimeException e) {
            return internalError(e);
        }
    }

    private Answer run(Operation operation, String name, byte[] body, SdkPojo[] read) {
        Map<String, JsonNode> json = jsonObject(body);
        if (json == null) {
            // the service answers JSON it cannot parse with the bare code, no message
            return errorAnswer(400, PROTOCOL_ERROR + "SerializationException", "message", null, "{}");
        }
        Optional<String> mismatch = WireShapes.firstMismatch(json, operation::newBuilder);
        if (mismatch.isPresent()) {
            return errorAnswer(400, PROTOCOL_ERROR + "SerializationException", "Message", mismatch.get(), "{}");
        }
        SdkPojo request;
        try {
            request = unmarshal(operation, body);
        } catch (RuntimeException e) {
            return errorAnswer(400, PROTOCOL_ERROR + "SerializationException", "message", null, "{}");
        }
        read[0] = request;
        SdkPojo response;
        try {
            response = hook.dispatch(name, request, operation::call);
        } catch (EngineFailure e) {
            return failure(operation, e.getCause());
        } catch (AwsServiceException e) {
            return failure(operation, e);
        }
        return Answer.of(200, marshal(response));
    }

    /** What the engine threw, carried unchecked through the dispatch hook. */
    private static final class EngineFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EngineFailure(Throwable cause) {
            super(cause);
        }
    }

    private Answer failure(Operation operation, Throwable error) {
        if (error instanceof AwsServiceException service
                && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            String messageKey = CAPITALISED_MESSAGE.contains(code) ? "Message" : "message";
            int status = service.statusCode() == 0 ? 400 : service.statusCode();
            return errorAnswer(
                    status,
                    SERVICE_ERROR + code,
                    messageKey,
                    message,
                    new String(marshal(service), StandardCharsets.UTF_8));
        }
        if (error instanceof UnsupportedOperationException && operation.isSdkDefault(error)) {
            return errorAnswer(
                    400, PROTOCOL_ERROR + "UnknownOperationException", "message", "Unknown operation exception", "{}");
        }
        return internalError(error);
    }

    private Answer internalError(Throwable error) {
        // Documentation is silent on the message of an internal failure: it names the failure so that an engine bug can
        // be found.
        return errorAnswer(
                500, SERVICE_ERROR + "InternalServerError", "message", "Internal server error: " + error, "{}");
    }

    /** The body as a JSON object, or null if it is not one. */
    private static Map<String, JsonNode> jsonObject(byte[] body) {
        if (body.length == 0) {
            // Documentation is silent on an empty body: it reads as an empty request, as the SDK's reader takes it.
            return Map.of();
        }
        try {
            JsonNode json = JSON.parse(body);
            // Documentation is silent on a body that is JSON but not an object: it gets the bare code, like unparseable
            // JSON.
            return json.isObject() ? json.asObject() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private SdkPojo unmarshal(Operation operation, byte[] body) {
        HttpResponseHandler<SdkPojo> reader =
                protocol.createResponseHandler(JSON_METADATA, ignored -> operation.newBuilder());
        SdkHttpFullResponse asResponse = SdkHttpFullResponse.builder()
                .statusCode(200)
                .content(AbortableInputStream.create(new ByteArrayInputStream(body)))
                .build();
        try {
            return reader.handle(asResponse, new ExecutionAttributes());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable request body", e);
        }
    }

    private byte[] marshal(SdkPojo pojo) {
        SdkHttpFullRequest written =
                protocol.createProtocolMarshaller(JSON_BODY).marshall(pojo);
        if (written.contentStreamProvider().isEmpty()) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        try {
            return written.contentStreamProvider().get().newStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer errorAnswer(
            int status, String type, String messageKey, String message, String modeledFields) {
        StringBuilder json = new StringBuilder("{\"__type\":");
        Json.appendString(json, type);
        if (message != null) {
            json.append(',');
            Json.appendString(json, messageKey);
            json.append(':');
            Json.appendString(json, message);
        }
        String fields = modeledFields.trim();
        String rest = fields.substring(1, fields.length() - 1).trim();
        if (!rest.isEmpty()) {
            json.append(',').append(rest);
        }
        json.append('}');
        return Answer.of(status, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** One operation: the engine object, the API method to call on it, and its request type's {@code builder()}. */
    private record Operation(Class<?> api, Object engine, Method method, Method builder) {

        /** Calls the engine; what it throws comes out as an {@link EngineFailure}. */
        SdkPojo call(SdkPojo request) {
            try {
                return (SdkPojo) method.invoke(engine, request);
            } catch (InvocationTargetException e) {
                throw new EngineFailure(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        SdkPojo newBuilder() {
            try {
                return (SdkPojo) builder.invoke(null);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Whether {@code error} comes from the API interface's own default method, i.e. the engine does not implement the call. */
        boolean isSdkDefault(Throwable error) {
            StackTraceElement[] trace = error.getStackTrace();
            return trace.length > 0 && trace[0].getClassName().equals(api.getName());
        }
    }
}
