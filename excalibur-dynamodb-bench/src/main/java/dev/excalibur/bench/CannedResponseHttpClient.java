package dev.excalibur.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * An async HTTP client that answers every DynamoDB request at once with a recorded response body for
 * its operation, as the AWS SDK's own benchmarks do: no engine, no socket, so what remains is the
 * client-side cost of marshalling, the SDK pipeline and whatever the library under test adds.
 */
final class CannedResponseHttpClient implements SdkAsyncHttpClient {

    private static final String ORDER_ITEM = """
            {"pk":{"S":"CUSTOMER#1"},"sk":{"S":"ORDER#1"},"id":{"S":"ORDER#1"},"_etag":{"S":"tVUil-MJnv6uRk_Ocd8o3A"},\
            "version":{"N":"1"},"customer":{"S":"CUSTOMER#1"},"status":{"S":"PLACED"},"total":{"N":"130.95"},\
            "quantity":{"N":"2"},"tags":{"L":[{"S":"express"},{"S":"gift"},{"S":"priority"}]},\
            "placedAt":{"S":"2026-11-25T09:30:01Z"}}""";
    private static final String CAPACITY = "\"ConsumedCapacity\":{\"TableName\":\"Orders\",\"CapacityUnits\":1.0}";
    private static final Map<String, byte[]> RESPONSES = Map.of(
            "DynamoDB_20120810.GetItem", utf8("{\"Item\":" + ORDER_ITEM + "," + CAPACITY + "}"),
            "DynamoDB_20120810.PutItem", utf8("{" + CAPACITY + "}"),
            "DynamoDB_20120810.Query", utf8(queryPage()),
            "DynamoDB_20120810.TransactWriteItems",
                    utf8("{\"ConsumedCapacity\":[{\"TableName\":\"Orders\",\"CapacityUnits\":200.0}]}"),
            "DynamoDB_20120810.DescribeTable", utf8("""
                    {"Table":{"TableName":"Orders","TableStatus":"ACTIVE",\
                    "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],\
                    "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"S"}]}}"""));

    /**
     * A full page of partition CUSTOMER#1 as the query benchmark reads it on the engine: orders 0 to
     * 99 as the provider stores them (key, ETag, document properties), and a next-page key holding
     * exactly the table's key attributes, as a continuation token must.
     */
    private static String queryPage() {
        StringBuilder page = new StringBuilder("{\"Count\":" + QueryPageWorkload.PAGE_SIZE + ",\"ScannedCount\":"
                + QueryPageWorkload.PAGE_SIZE + ",\"Items\":[");
        for (int n = 0; n < QueryPageWorkload.PAGE_SIZE; n++) {
            Order order = Order.number(n);
            page.append(n == 0 ? "" : ",")
                    .append("{\"pk\":{\"S\":\"CUSTOMER#1\"},\"sk\":{\"S\":\"")
                    .append(order.id())
                    .append("\"},\"_etag\":{\"S\":\"tVUil-MJnv6uRk_Ocd8o3A\"},\"id\":{\"S\":\"")
                    .append(order.id())
                    .append("\"},\"customer\":{\"S\":\"")
                    .append(order.customer())
                    .append("\"},\"status\":{\"S\":\"")
                    .append(order.status())
                    .append("\"},\"total\":{\"N\":\"")
                    .append(order.total().toPlainString())
                    .append("\"},\"quantity\":{\"N\":\"")
                    .append(order.quantity())
                    .append("\"},\"tags\":{\"L\":[")
                    .append(String.join(
                            ",",
                            order.tags().stream()
                                    .map(t -> "{\"S\":\"" + t + "\"}")
                                    .toList()))
                    .append("]},\"placedAt\":{\"S\":\"")
                    .append(order.placedAt())
                    .append("\"}}");
        }
        return page.append("],\"LastEvaluatedKey\":{\"pk\":{\"S\":\"CUSTOMER#1\"},\"sk\":{\"S\":\"")
                .append(Order.number(QueryPageWorkload.PAGE_SIZE - 1).id())
                .append("\"}},")
                .append(CAPACITY)
                .append("}")
                .toString();
    }

    /** An async DynamoDB client (no retries) answered by recorded responses. */
    static DynamoDbAsyncClient client() {
        return DynamoDbAsyncClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .endpointOverride(URI.create("http://canned.local"))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(new CannedResponseHttpClient())
                .build();
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
        String target = request.request().firstMatchingHeader("X-Amz-Target").orElse("");
        byte[] body = RESPONSES.get(target);
        if (body == null) {
            IllegalStateException unknown = new IllegalStateException("no recorded response for " + target);
            request.responseHandler().onError(unknown);
            return CompletableFuture.failedFuture(unknown);
        }
        request.responseHandler()
                .onHeaders(SdkHttpResponse.builder()
                        .statusCode(200)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Length", Integer.toString(body.length))
                        .putHeader("x-amzn-RequestId", "canned")
                        .build());
        request.responseHandler().onStream(AsyncRequestBody.fromBytes(body));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public String clientName() {
        return "CannedResponses";
    }

    @Override
    public void close() {
        // nothing is held open
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
