package dev.excalibur.dynamodb.engine.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The wire protocol as a raw HTTP caller sees it (R17): status, {@code __type}, {@code message},
 * headers, on a scripted engine behind the HTTP endpoint; and the SDK over real HTTP reading the
 * modeled errors back. Expected bodies of protocol errors follow the service's answers recorded by
 * dynalite's connection tests (tested live against DynamoDB).
 */
class HttpEndpointTest {

    private static HttpServer server;
    private static ExecutorService workers;
    private static URI endpoint;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        workers = Executors.newFixedThreadPool(8);
        server.setExecutor(workers);
        server.createContext("/", new HttpEndpoint(ScriptedEngine.bridge(), "eu-west-1"));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        workers.shutdownNow();
    }

    private static HttpResponse<String> post(String target, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String crc32(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return Long.toString(crc.getValue());
    }

    private static void assertServiceHeaders(HttpResponse<String> response, String contentType) {
        assertThat(response.headers().firstValue("Content-Type")).contains(contentType);
        assertThat(response.headers().firstValue("x-amzn-RequestId"))
                .hasValueSatisfying(id -> assertThat(id).matches("[0-9A-Z]{52}"));
        assertThat(response.headers().firstValue("x-amz-crc32")).contains(crc32(response.body()));
        assertThat(response.headers().firstValue("Content-Length"))
                .contains(Integer.toString(response.body().getBytes(StandardCharsets.UTF_8).length));
    }

    @ParameterizedTest(name = "answers {0}")
    @CsvSource(delimiter = '|', textBlock = """
            an operation with its JSON | DynamoDB_20120810.ListTables | {"ExclusiveStartTableName":"b"} | 200 | {"TableNames":["a","b"]}
            an unknown target with UnknownOperationException | DynamoDB_20120810.ListTable | {} | 400 | {"__type":"com.amazon.coral.service#UnknownOperationException"}
            malformed JSON with SerializationException | DynamoDB_20120810.ListTables | hi | 400 | {"__type":"com.amazon.coral.service#SerializationException"}
            a service error with its type, message and modeled fields | DynamoDB_20120810.PutItem | {"TableName":"t","Item":{"pk":{"S":"k"}}} \
            | 400 | {"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"k"}}}
            """)
    void answersWithTheStatusTheBodyAndTheServiceHeaders(
            String answers, String target, String body, int status, String expected) throws Exception {
        HttpResponse<String> response = post(target, "application/x-amz-json-1.0", body);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(expected);
        assertServiceHeaders(response, "application/x-amz-json-1.0");
    }

    @Test
    void answersInTheJsonContentTypeTheCallerUsed() throws Exception {
        HttpResponse<String> response = post("DynamoDB_20120810.ListTables", "application/json; charset=utf-8", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertServiceHeaders(response, "application/json");
    }

    @Test
    void answersAMissingTargetWithUnknownOperationException() throws Exception {
        HttpResponse<String> response = post(null, "application/x-amz-json-1.0", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
    }

    @Test
    void answersAnOperationTheEngineLeavesToTheSdkWithTheServiceMessage() throws Exception {
        HttpResponse<String> response =
                post("DynamoDBStreams_20120810.DescribeStream", "application/x-amz-json-1.0", "{\"StreamArn\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .isEqualTo(
                        "{\"__type\":\"com.amazon.coral.service#UnknownOperationException\",\"message\":\"Unknown operation exception\"}");
    }

    @Test
    void answersAnInternalFailureWith500() throws Exception {
        HttpResponse<String> response = post(
                "DynamoDB_20120810.GetItem",
                "application/x-amz-json-1.0",
                "{\"TableName\":\"t\",\"Key\":{\"pk\":{\"S\":\"k\"}}}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body())
                .startsWith(
                        "{\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\",\"message\":\"Internal server error: ");
        assertServiceHeaders(response, "application/x-amz-json-1.0");
    }

    @Test
    void answersAGetWithTheHealthLine() throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("healthy: dynamodb.eu-west-1.amazonaws.com ");
        assertThat(response.headers().firstValue("x-amz-crc32")).contains(crc32(response.body()));
    }

    @Test
    void answersOtherMethodsAndContentTypesWith404() throws Exception {
        HttpResponse<String> put = HTTP.send(
                HttpRequest.newBuilder(endpoint)
                        .PUT(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> noContentType = post("DynamoDB_20120810.ListTables", null, "{}");
        HttpResponse<String> json11 = post("DynamoDB_20120810.ListTables", "application/x-amz-json-1.1", "{}");

        for (HttpResponse<String> response : List.of(put, noContentType, json11)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("<UnknownOperationException/>\n");
            assertThat(response.headers().firstValue("x-amz-crc32")).contains(crc32(response.body()));
        }
    }

    @Test
    void refusesABodyOver16MegabytesWith413() throws Exception {
        byte[] body = new byte[16 * 1024 * 1024 + 1];
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(endpoint)
                        .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void answersManyConcurrentRequests() {
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 200)
                .mapToObj(i -> HTTP.sendAsync(
                        HttpRequest.newBuilder(endpoint)
                                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"ExclusiveStartTableName\":\"t" + i + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).join().body()).isEqualTo("{\"TableNames\":[\"a\",\"t" + i + "\"]}");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void givesTheSdkOverHttpTheModeledExceptions() {
        try (DynamoDbClient client = SdkClients.configure(DynamoDbClient.builder(), endpoint, Region.EU_WEST_1)
                .build()) {
            ConditionalCheckFailedException failed = catchThrowableOfType(
                    ConditionalCheckFailedException.class,
                    () -> client.putItem(b -> b.tableName("t").item(Map.of("pk", AttributeValue.fromS("k")))));
            TransactionCanceledException cancelled = catchThrowableOfType(
                    TransactionCanceledException.class,
                    () -> client.transactWriteItems(
                            b -> b.transactItems(t -> t.conditionCheck(c -> c.tableName("t")))));

            assertThat(failed.item()).containsEntry("pk", AttributeValue.fromS("k"));
            assertThat(failed.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
            assertThat(cancelled.awsErrorDetails().errorMessage()).startsWith("Transaction cancelled");
            assertThat(cancelled.cancellationReasons())
                    .extracting(r -> r.code())
                    .containsExactly("None");
        }
    }
}
