package dev.excalibur.dynamodb.engine.internal.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The service's HTTP face on an {@link EngineBridge}, as a JDK {@link HttpHandler}: AWS JSON 1.0
 * requests ({@code POST}, {@code Content-Type: application/x-amz-json-1.0} or
 * {@code application/json}, operation in {@code X-Amz-Target}) are answered by the bridge with the
 * content type the caller used. As the service does, a {@code GET} answers 200 with a health line, and
 * any other method or content type answers 404 {@code <UnknownOperationException/>}; a body over
 * 16 MB answers 413. Every answer carries {@code x-amzn-RequestId} and {@code x-amz-crc32}; the
 * exchange is always closed, even when the handler itself fails. Internal to the engine.
 */
public final class HttpEndpoint implements HttpHandler {

    /** The largest request body the service reads. */
    static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

    private static final byte[] NOT_FOUND = "<UnknownOperationException/>\n".getBytes(StandardCharsets.US_ASCII);

    private final EngineBridge bridge;
    private final byte[] healthy;

    /** An endpoint answering through {@code bridge}; {@code region} names it in the health line. */
    public HttpEndpoint(EngineBridge bridge, String region) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.healthy = ("healthy: dynamodb." + region + ".amazonaws.com ").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String contentType = jsonContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
            if (method.equals("GET")) {
                send(exchange, Answer.of(200, healthy), "text/plain");
            } else if (!method.equals("POST") || contentType == null) {
                send(exchange, Answer.of(404, NOT_FOUND), "application/xml");
            } else {
                byte[] body = readBody(exchange.getRequestBody());
                Answer answer = body == null
                        ? Answer.of(413, new byte[0])
                        : bridge.handle(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
                send(exchange, answer, contentType);
            }
        }
    }

    /** The JSON content type the caller used, without parameters, or null if it is neither of the service's two. */
    static String jsonContentType(String header) {
        if (header == null) {
            return null;
        }
        String type = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals(Answer.JSON_1_0) || type.equals("application/json") ? type : null;
    }

    /** The body, or null if it is longer than the service reads. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes((int) MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private static void send(HttpExchange exchange, Answer answer, String contentType) throws IOException {
        for (Map.Entry<String, String> header : answer.headers(contentType).entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        byte[] body = answer.body();
        exchange.sendResponseHeaders(answer.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
