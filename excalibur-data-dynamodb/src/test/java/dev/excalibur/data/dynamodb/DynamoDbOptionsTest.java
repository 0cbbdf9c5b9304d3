package dev.excalibur.data.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.excalibur.data.InvalidOptionsException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class DynamoDbOptionsTest {

    @Test
    void defaultsMatchTheContract() {
        DynamoDbOptions options = DynamoDbOptions.builder()
                .region("us-east-1")
                .tableName("Orders")
                .build();
        assertThat(options.name()).isEqualTo("DynamoDb");
        assertThat(options.partitionKeyAttribute()).isEqualTo("pk");
        assertThat(options.sortKeyAttribute()).isEqualTo("sk");
        assertThat(options.etagAttribute()).isEqualTo("_etag");
        assertThat(options.tablePrefix()).isEmpty();
        assertThat(options.useConsistentReads()).isFalse();
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.maxRetryAttempts()).isEqualTo(3);
        assertThat(options.createTablesIfMissing()).isFalse();
        assertThat(options.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(options.ttlAttribute()).isNull();
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        InvalidOptionsException error = catchThrowableOfType(
                InvalidOptionsException.class,
                () -> DynamoDbOptions.builder()
                        .name(" ")
                        .credentials("AKIA", null)
                        .tablePrefix("bad prefix!")
                        .partitionKeyAttribute("id")
                        .sortKeyAttribute("id")
                        .maxRetryAttempts(-1)
                        .requestTimeout(Duration.ZERO)
                        .build());

        assertThat(error.problems()).hasSize(8);
        assertThat(error.getMessage())
                .contains("name must not be blank")
                .contains("Region or ServiceUrl is required")
                .contains("accessKey and secretKey must be set together")
                .contains("tableName is required")
                .contains("tablePrefix 'bad prefix!'")
                .contains("attribute 'id' is used for two purposes")
                .contains("requestTimeout must be positive")
                .contains("maxRetryAttempts must be between 0 and 20");
    }

    @Test
    void credentialsAreNeverPrinted() {
        DynamoDbOptions options = DynamoDbOptions.builder()
                .region("eu-west-1")
                .tableName("Orders")
                .credentials("AKIAEXAMPLE", "super-secret-key")
                .build();
        assertThat(options.toString()).doesNotContain("super-secret-key").contains("secret hidden");
    }

    @Test
    void configurationSectionBindsFromProperties() {
        Properties properties = new Properties();
        properties.setProperty("DynamoDb.Region", "eu-central-1");
        properties.setProperty("DynamoDb.ServiceUrl", "http://localhost:8000");
        properties.setProperty("DynamoDb.TableName", "Orders");
        properties.setProperty("DynamoDb:TablePrefix", "MyApp_");
        properties.setProperty("dynamodb.partition-key-attribute", "PK");
        properties.setProperty("DynamoDb.sort_key_attribute", "SK");
        properties.setProperty("DynamoDb.UseConsistentReads", "true");
        properties.setProperty("DynamoDb.RequestTimeout", "PT5S");
        properties.setProperty("DynamoDb.MaxRetryAttempts", "7");
        properties.setProperty("DynamoDb.CreateTablesIfMissing", "true");
        properties.setProperty("DynamoDb.StreamViewType", "new_image");
        properties.setProperty("DynamoDb.TtlAttribute", "expiresAt");
        properties.setProperty("Other.Region", "ignored");

        DynamoDbPersistenceProvider provider =
                DynamoDbPersistenceProvider.builder().configuration(properties).build();
        DynamoDbOptions options = provider.options();
        provider.close();

        assertThat(options.region()).isEqualTo("eu-central-1");
        assertThat(options.serviceUrl()).isEqualTo(URI.create("http://localhost:8000"));
        assertThat(options.qualifiedTableName()).isEqualTo("MyApp_Orders");
        assertThat(options.partitionKeyAttribute()).isEqualTo("PK");
        assertThat(options.sortKeyAttribute()).isEqualTo("SK");
        assertThat(options.useConsistentReads()).isTrue();
        assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.maxRetryAttempts()).isEqualTo(7);
        assertThat(options.createTablesIfMissing()).isTrue();
        assertThat(options.streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(options.ttlAttribute()).isEqualTo("expiresAt");
    }

    @Test
    void namedSectionAndCallbackCombineWithCallbackLast() {
        Map<String, String> configuration = Map.of("Storage.Region", "us-west-2", "Storage.TableName", "FromConfig");
        DynamoDbPersistenceProvider provider = DynamoDbPersistenceProvider.builder()
                .configuration(configuration, "Storage")
                .options(o -> o.tableName("FromCallback"))
                .build();
        assertThat(provider.options().region()).isEqualTo("us-west-2");
        assertThat(provider.options().tableName()).isEqualTo("FromCallback");
        provider.close();
    }

    @Test
    void unknownKeysAndUnreadableValuesAreReportedWithTheOtherProblems() {
        Map<String, String> configuration = Map.of(
                "DynamoDb.Regoin", "us-east-1",
                "DynamoDb.MaxRetryAttempts", "many",
                "DynamoDb.UseConsistentReads", "yes");

        assertThatThrownBy(() -> DynamoDbPersistenceProvider.builder()
                        .configuration(configuration)
                        .build())
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("unknown option 'DynamoDb.Regoin'")
                .hasMessageContaining("option 'DynamoDb.MaxRetryAttempts' has an unreadable value 'many'")
                .hasMessageContaining("option 'DynamoDb.UseConsistentReads' has an unreadable value 'yes'")
                .hasMessageContaining("Region or ServiceUrl is required")
                .hasMessageContaining("tableName is required");
    }

    @Test
    void tableNameWithPrefixMustBeAValidDynamoDbName() {
        assertThatThrownBy(() -> DynamoDbOptions.builder()
                        .region("us-east-1")
                        .tableName("ab")
                        .build())
                .hasMessageContaining("must be 3 to 255 characters");
        assertThat(DynamoDbOptions.builder()
                        .region("us-east-1")
                        .tablePrefix("x_")
                        .tableName("ab")
                        .build()
                        .qualifiedTableName())
                .isEqualTo("x_ab");
    }
}
