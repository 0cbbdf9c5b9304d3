package dev.excalibur.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The runnable server jar as a user runs it: {@code java -jar ...-server.jar --port 0}, the line it
 * prints, an AWS SDK client talking to it over HTTP, and the process killed at the end. Runs in the
 * integration-test phase of {@code mvn verify}, which builds the jar and names it in the system
 * property {@value #JAR_PROPERTY}.
 */
class ServerJarTest {

    static final String JAR_PROPERTY = "excalibur.engine.serverJar";
    private static final Pattern LISTENING =
            Pattern.compile("Excalibur DynamoDB engine listening on (http://127\\.0\\.0\\.1:(\\d+))");

    private static Process server;
    private static URI endpoint;

    @BeforeAll
    static void startTheJar() throws Exception {
        String jar = System.getProperty(JAR_PROPERTY);
        assumeThat(jar)
                .as("the server jar is built by mvn verify, which sets " + JAR_PROPERTY)
                .isNotNull();
        assertThat(Paths.get(jar)).exists();
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        Path errors = Paths.get(jar).resolveSibling("server-jar-test.stderr.log");
        server = new ProcessBuilder(java.toString(), "-jar", jar, "--port", "0", "--region", "eu-west-1")
                .redirectError(errors.toFile())
                .start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
                    try {
                        return output.readLine();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .get(60, TimeUnit.SECONDS);
        assertThat(line)
                .as("the server's only line (its errors go to %s)", errors)
                .matches(LISTENING);
        Matcher listening = LISTENING.matcher(line);
        assertThat(listening.matches()).isTrue();
        endpoint = URI.create(listening.group(1));
    }

    @AfterAll
    static void killTheJar() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void keepsTheNormalJarThinAndTheServerJarSelfContained() throws IOException {
        Path serverJar = Paths.get(System.getProperty(JAR_PROPERTY));
        Path thinJar =
                serverJar.resolveSibling(serverJar.getFileName().toString().replace("-server.jar", ".jar"));

        assertThat(Files.size(thinJar)).isLessThan(Files.size(serverJar) / 10);
    }

    @Test
    @SuppressWarnings("unchecked")
    void servesTheEngineOverHttpToAnSdkClient() {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "any")))
                .build()) {
            TableDescription table = client.createTable(b -> b.tableName("orders")
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)))
                    .tableDescription();
            client.putItem(b -> b.tableName("orders")
                    .item(Map.of("pk", AttributeValue.fromS("o-1"), "total", AttributeValue.fromN("12.50"))));
            Map<String, AttributeValue> item = client.getItem(
                            b -> b.tableName("orders").key(Map.of("pk", AttributeValue.fromS("o-1"))))
                    .item();

            assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:eu-west-1:123456789012:table/orders");
            assertThat(item)
                    .isEqualTo(Map.of("pk", AttributeValue.fromS("o-1"), "total", AttributeValue.fromN("12.5")));
        }
    }

    @Test
    void answersTheHealthCheckInItsRegion() throws Exception {
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(endpoint).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("healthy: dynamodb.eu-west-1.amazonaws.com ");
    }
}
