package dev.excalibur.dynamodb.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

/**
 * Each module that runs these tests names its Spring Boot version (system property
 * {@code excalibur.spring-boot.version}, from the version of the Boot BOM it imports): the tests
 * really run on that Boot, so that the Boot lines tested cannot silently collapse into one.
 */
class BootVersionTest {

    @Test
    void theTestsRunOnTheSpringBootTheirModuleImports() {
        String expected = System.getProperty("excalibur.spring-boot.version");
        assertThat(expected)
                .as("excalibur.spring-boot.version, set by the module's surefire")
                .isNotBlank();
        assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
    }
}
