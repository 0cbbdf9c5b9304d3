package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** IDEs complete the properties from the metadata the build generates from the properties classes. */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyTreeIsDescribedWithItsJavadoc() throws IOException {
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata on the class path").isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(metadata)
                .contains(
                        "\"excalibur.dynamodb.region\"",
                        "\"excalibur.dynamodb.table-prefix\"",
                        "\"excalibur.dynamodb.embedded\"",
                        "\"excalibur.dynamodb.snapshots.retention\"",
                        "\"excalibur.dynamodb.authorization.table-name\"",
                        "\"excalibur.dynamodb.cdc.state-store\"",
                        "\"excalibur.dynamodb.cdc.checkpoint-interval\"")
                .contains("Prefix put in front of every table name");
        assertThat(metadata)
                .contains(
                        "\"excalibur.dynamodb.cdc.name\"",
                        "\"excalibur.dynamodb.cdc.kcl.leader-lease-duration\"",
                        "\"excalibur.dynamodb.cdc.kcl.lease-assignment-interval\"",
                        "\"excalibur.dynamodb.cdc.kcl.metrics-level\"")
                .contains("How long the fleet's elected leader stays leader");
        assertThat(metadata)
                .as("the old key of the runner's name, deprecated in favour of name")
                .containsPattern("\"name\": \"excalibur.dynamodb.cdc.processor-name\"[^}]*\"deprecated\": true")
                .containsPattern("\"replacement\": \"excalibur.dynamodb.cdc.name\"");
    }
}
