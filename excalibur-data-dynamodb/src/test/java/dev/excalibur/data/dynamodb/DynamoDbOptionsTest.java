package dev.excalibur.data.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.excalibur.data.InvalidOptionsException;
import java.io.IOException;
import java.io.StringReader;
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
    void configurationSectionBindsFromProperties() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader("""
                DynamoDb.Region=eu-central-1
                DynamoDb.ServiceUrl=http://localhost:8000
                DynamoDb.TableName=Orders
                DynamoDb\\:TablePrefix=MyApp_
                dynamodb.partition-key-attribute=PK
                DynamoDb.sort_key_attribute=SK
                DynamoDb.UseConsistentReads=true
                DynamoDb.RequestTimeout=PT5S
                DynamoDb.MaxRetryAttempts=7
                DynamoDb.CreateTablesIfMissing=true
                DynamoDb.StreamViewType=new_image
                DynamoDb.TtlAttribute=expiresAt
                Other.Region=ignored
                """));
        assertThat(properties).containsEntry("DynamoDb:TablePrefix", "MyApp_").hasSize(13);

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
