package dev.excalibur.dynamodb.codec.jackson3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.dynamodb.codec.DocumentCodec;
import dev.excalibur.dynamodb.codec.DocumentCorpus;
import dev.excalibur.dynamodb.codec.DocumentCorpus.Order;
import dev.excalibur.dynamodb.codec.jackson2.Jackson2DocumentCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The two default codecs are interchangeable: for every document of the corpus they write equal items that the
 * SDK sends as the same bytes (attribute order included), and each reads the other's item back to the document.
 */
class BothJacksonsWriteTheSameItemsTest {

    private static final DocumentCodec JACKSON3 = Jackson3DocumentCodec.create();
    private static final DocumentCodec JACKSON2 = Jackson2DocumentCodec.create();

    @Test
    void bothDefaultCodecsWriteTheSameBytesForEveryDocument() {
        try (RequestCapture capture = new RequestCapture()) {
            for (Order order : DocumentCorpus.documents()) {
                Map<String, AttributeValue> written3 = JACKSON3.toItem(order);
                Map<String, AttributeValue> written2 = JACKSON2.toItem(order);

                assertThat(written3).isEqualTo(written2);
                assertThat(capture.putItemBody(written3)).isEqualTo(capture.putItemBody(written2));
            }
        }
    }

    @Test
    void eachCodecReadsTheOthersItemsBack() {
        for (Order order : DocumentCorpus.documents()) {
            assertThat(JACKSON3.fromItem(JACKSON2.toItem(order), Order.class))
                    .usingRecursiveComparison()
                    .isEqualTo(order);
            assertThat(JACKSON2.fromItem(JACKSON3.toItem(order), Order.class))
                    .usingRecursiveComparison()
                    .isEqualTo(order);
        }
    }

    @Test
    void applicationMappersWithTheStorageFormatWriteTheDefaultsItemsWhateverTheirJsonSettings() {
        // An application's JSON settings that would change the stored items: names sorted, durations and
        // dates as text or numbers, enums by toString(), as Spring Boot's own mappers have some of them.
        tools.jackson.databind.json.JsonMapper applications3 = tools.jackson.databind.json.JsonMapper.builder()
                .enable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .disable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(tools.jackson.databind.cfg.EnumFeature.WRITE_ENUMS_USING_TO_STRING)
                .build();
        com.fasterxml.jackson.databind.ObjectMapper applications2 = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
        DocumentCodec pinned3 = Jackson3DocumentCodec.of(Jackson3DocumentCodec.withStorageFormat(applications3));
        DocumentCodec pinned2 = Jackson2DocumentCodec.of(Jackson2DocumentCodec.withStorageFormat(applications2));

        try (RequestCapture capture = new RequestCapture()) {
            for (Order order : DocumentCorpus.documents()) {
                String expected = capture.putItemBody(JACKSON3.toItem(order));
                assertThat(capture.putItemBody(pinned3.toItem(order))).isEqualTo(expected);
                assertThat(capture.putItemBody(pinned2.toItem(order))).isEqualTo(expected);
            }
        }
        // the application's mappers themselves are left as they were
        assertThat(applications3.isEnabled(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY))
                .isTrue();
        assertThat(applications2.isEnabled(
                        com.fasterxml.jackson.databind.SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS))
                .isFalse();
    }

    @Test
    void theStorageFormatKeepsTheApplicationsNamingStrategy() {
        Order order = DocumentCorpus.documents().get(0);
        DocumentCodec pinned3 = Jackson3DocumentCodec.of(
                Jackson3DocumentCodec.withStorageFormat(tools.jackson.databind.json.JsonMapper.builder()
                        .propertyNamingStrategy(tools.jackson.databind.PropertyNamingStrategies.UPPER_CAMEL_CASE)
                        .build()));
        DocumentCodec pinned2 = Jackson2DocumentCodec.of(
                Jackson2DocumentCodec.withStorageFormat(new com.fasterxml.jackson.databind.ObjectMapper()
                        .setPropertyNamingStrategy(
                                com.fasterxml.jackson.databind.PropertyNamingStrategies.UPPER_CAMEL_CASE)));

        assertThat(pinned3.toItem(order))
                .containsKeys("Id", "Status", "HoldFor")
                .isEqualTo(pinned2.toItem(order));
        assertThat(pinned3.fromItem(pinned2.toItem(order), Order.class))
                .usingRecursiveComparison()
                .isEqualTo(order);
    }

    @Test
    void theCapturedBodyIsTheSdksMarshalledItemInItsOrder() {
        try (RequestCapture capture = new RequestCapture()) {
            String body = capture.putItemBody(
                    JACKSON3.toItem(DocumentCorpus.documents().get(0)));

            assertThat(body)
                    .startsWith(
                            "{\"TableName\":\"orders\",\"Item\":{\"id\":{\"S\":\"order-1\"},\"status\":{\"S\":\"SHIPPED\"}")
                    .contains("\"holdFor\":{\"N\":\"3600.250000000\"}")
                    .contains("\"payment\":{\"M\":{\"kind\":{\"S\":\"card\"}");
        }
    }

    /**
     * A DynamoDB client whose HTTP client keeps the request body and answers {@code {}}: the SDK's own marshaller
     * turns the item into the bytes DynamoDB would receive, with no network.
     */
    private static final class RequestCapture implements AutoCloseable {

        /** The body of the last request. */
        private byte[] body = new byte[0];

        private final DynamoDbClient client = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://localhost:1"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .httpClient(new SdkHttpClient() {
                    @Override
                    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                        return new ExecutableHttpRequest() {
                            @Override
                            public HttpExecuteResponse call() throws IOException {
                                try (InputStream content = request.contentStreamProvider()
                                        .orElseThrow()
                                        .newStream()) {
                                    body = content.readAllBytes();
                                }
                                return HttpExecuteResponse.builder()
                                        .response(SdkHttpResponse.builder()
                                                .statusCode(200)
                                                .build())
                                        .responseBody(AbortableInputStream.create(
                                                new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
                                        .build();
                            }

                            @Override
                            public void abort() {
                                // nothing in flight
                            }
                        };
                    }

                    @Override
                    public void close() {
                        // nothing held
                    }
                })
                .build();

        String putItemBody(Map<String, AttributeValue> item) {
            client.putItem(put -> put.tableName("orders").item(item));
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
