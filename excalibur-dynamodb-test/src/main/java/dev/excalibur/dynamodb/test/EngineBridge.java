package dev.excalibur.dynamodb.test;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers DynamoDB and DynamoDB Streams JSON requests by calling the embedded engine directly:
 * the request body is unmarshalled with the SDK's own JSON protocol, the engine's answer (or
 * service error) is marshalled back the way the real service writes it.
 */
final class EngineBridge {

    private static final String MODEL_PACKAGE = "software.amazon.awssdk.services.dynamodb.model.";
    private static final String DYNAMODB_PREFIX = "DynamoDB_20120810.";
    private static final String STREAMS_PREFIX = "DynamoDBStreams_20120810.";
    private static final String ERROR_TYPE_PREFIX = "com.amazonaws.dynamodb.v20120810#";
    private static final OperationInfo JSON_BODY = OperationInfo.builder()
            .requestUri("/").httpMethod(SdkHttpMethod.POST)
            .hasExplicitPayloadMember(false).hasPayloadMembers(true).hasImplicitPayloadMembers(true)
            .build();
    private static final JsonOperationMetadata JSON_METADATA = JsonOperationMetadata.builder()
            .hasStreamingSuccessResponse(false).isPayloadJson(true).build();

    /** A marshalled answer: HTTP status, the error code for failures, and the JSON body. */
    record Answer(int statusCode, String errorCode, byte[] body) {
    }

    private final AwsJsonProtocolFactory protocol = AwsJsonProtocolFactory.builder()
            .protocol(AwsJsonProtocol.AWS_JSON).protocolVersion("1.0")
            .clientConfiguration(SdkClientConfiguration.builder()
                    .option(SdkClientOption.ENDPOINT, URI.create("http://localhost")).build())
            .build();
    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();

    EngineBridge(DynamoDbClient engineDynamoDbClient, DynamoDbStreamsClient engineStreamsClient) {
        this.dynamoDb = engineDynamoDbClient;
        this.streams = engineStreamsClient;
    }

    /** Runs the operation named by the {@code X-Amz-Target} header with the given JSON body. */
    Answer handle(String target, byte[] body) {
        Operation operation;
        try {
            operation = operations.computeIfAbsent(target == null ? "" : target, this::resolve);
        } catch (IllegalArgumentException e) {
            return error(400, "UnknownOperationException", e.getMessage(), null);
        }
        SdkPojo request = unmarshal(operation, body);
        try {
            Object response = operation.method().invoke(operation.engine(), request);
            return new Answer(200, null, marshal((SdkPojo) response));
        } catch (InvocationTargetException e) {
            return failure(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private Operation resolve(String target) {
        Object engine;
        Class<?> api;
        String name;
        if (target.startsWith(DYNAMODB_PREFIX)) {
            engine = dynamoDb;
            api = DynamoDbClient.class;
            name = target.substring(DYNAMODB_PREFIX.length());
        } else if (target.startsWith(STREAMS_PREFIX)) {
            engine = streams;
            api = DynamoDbStreamsClient.class;
            name = target.substring(STREAMS_PREFIX.length());
        } else {
            throw new IllegalArgumentException("unknown X-Amz-Target '" + target + "'");
        }
        try {
            Class<?> requestType = Class.forName(MODEL_PACKAGE + name + "Request");
            Method builder = requestType.getMethod("builder");
            String methodName = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            Method method = api.getMethod(methodName, requestType);
            return new Operation(engine, method, builder);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalArgumentException("the embedded engine does not support '" + target + "'");
        }
    }

    private SdkPojo unmarshal(Operation operation, byte[] body) {
        HttpResponseHandler<SdkPojo> reader = protocol.createResponseHandler(JSON_METADATA, ignored -> operation.newBuilder());
        SdkHttpFullResponse asResponse = SdkHttpFullResponse.builder().statusCode(200)
                .content(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
        try {
            return reader.handle(asResponse, new ExecutionAttributes());
        } catch (Exception e) {
            throw new IllegalStateException("could not read the request body", e);
        }
    }

    private byte[] marshal(SdkPojo pojo) {
        SdkHttpFullRequest written = protocol.createProtocolMarshaller(JSON_BODY).marshall(pojo);
        if (written.contentStreamProvider().isEmpty()) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        try {
            return written.contentStreamProvider().get().newStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer failure(Throwable error) {
        if (error instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return error(service.statusCode() == 0 ? 400 : service.statusCode(), code, message, service);
        }
        return error(500, "InternalServerError", String.valueOf(error), null);
    }

    private Answer error(int status, String code, String message, SdkPojo modeledFields) {
        String fields = modeledFields == null ? "{}" : new String(marshal(modeledFields), StandardCharsets.UTF_8).trim();
        StringBuilder json = new StringBuilder("{\"__type\":");
        appendString(json, ERROR_TYPE_PREFIX + code);
        json.append(",\"message\":");
        appendString(json, message == null ? "" : message);
        String rest = fields.substring(1);
        json.append(rest.startsWith("}") ? "" : ",").append(rest);
        return new Answer(status, code, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void appendString(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private record Operation(Object engine, Method method, Method builder) {
        SdkPojo newBuilder() {
            try {
                return (SdkPojo) builder.invoke(null);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
