package dev.excalibur.dynamodb.engine.internal.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * One answer of the engine as the service writes it on the wire: HTTP status, JSON body, and the
 * headers every DynamoDB answer carries ({@code x-amzn-RequestId}, {@code x-amz-crc32} over the
 * body bytes, the AWS JSON 1.0 content type). Shared by the in-process HTTP client and the server.
 * Internal to the engine.
 */
public record Answer(int statusCode, byte[] body, String requestId) {

    /** The content type of every JSON answer. */
    public static final String JSON_1_0 = "application/x-amz-json-1.0";

    private static final char[] REQUEST_ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final int REQUEST_ID_LENGTH = 52;

    /** An answer with a new request id. */
    public static Answer of(int statusCode, byte[] body) {
        return new Answer(statusCode, body, newRequestId());
    }

    /** The CRC32 of the body as an unsigned decimal, the value of {@code x-amz-crc32}. */
    public String crc32() {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toString(crc.getValue());
    }

    /** The response headers, with the given content type (the service echoes {@code application/json} to JSON 1.0 callers). */
    public Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("x-amzn-RequestId", requestId);
        headers.put("x-amz-crc32", crc32());
        return headers;
    }

    /** A request id shaped like the service's: 52 characters of upper-case letters and digits. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[REQUEST_ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = REQUEST_ID_ALPHABET[random.nextInt(REQUEST_ID_ALPHABET.length)];
        }
        return new String(id);
    }
}
