package dev.excalibur.data.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.cloudnative.PartitionKey;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bad input is refused with a clear message before any request reaches DynamoDB. */
class BadInputTest extends ProviderPerTest {

    private static final PartitionKey PK = PartitionKey.of("p");

    @AfterEach
    void noRequestWasSent() {
        assertThat(faults.totalRequests()).as("requests sent to DynamoDB").isZero();
    }

    @Test
    void itemOver400KbIsRefusedNamingTheLimit() {
        TestDocument huge = new TestDocument("big", "x".repeat(410_000), 1);
        assertThatThrownBy(() -> provider.create(huge, PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("409600 bytes (400 KB)")
                .hasMessageContaining("'big'");
        assertThatThrownBy(() -> provider.update(huge, PK, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blankIdIsRefused() {
        assertThatThrownBy(() -> provider.create(new TestDocument(" ", "n", 1), PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id'");
        assertThatThrownBy(() -> provider.getById("", PK, null, TestDocument.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id must not be null or blank");
        assertThatThrownBy(() -> provider.delete("  ", PK, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id");
    }

    @Test
    void documentWithoutIdIsRefusedInsteadOfGettingARandomOne() {
        assertThatThrownBy(() -> provider.create(Map.of("name", "anonymous"), PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a non-blank 'id'");
    }

    @Test
    void nullDocumentIsRefused() {
        assertThatThrownBy(() -> provider.create(null, PK))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("document");
        assertThatThrownBy(() -> provider.update(null, PK, "etag"))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("document");
    }

    @Test
    void emptyPartitionKeyIsRefused() {
        PartitionKey empty = new PartitionKey() {
            @Override
            public String value() {
                return "";
            }

            @Override
            public String path() {
                return "";
            }
        };
        assertThatThrownBy(() -> provider.create(new TestDocument("a", "n", 1), empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partitionKey value must not be empty");
        assertThatThrownBy(() -> provider.getById("a", null, null, TestDocument.class))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("partitionKey");
        assertThatThrownBy(() -> PartitionKey.of(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition key value");
    }

    @Test
    void blankEtagIsRefused() {
        assertThatThrownBy(() -> provider.update(new TestDocument("a", "n", 1), PK, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("etag");
    }

    @Test
    void documentThatContradictsTheKeyAttributesIsRefused() {
        assertThatThrownBy(() -> provider.create(Map.of("id", "a", "pk", "other-partition"), PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition key attribute");
        assertThatThrownBy(() -> provider.create(Map.of("id", "a", "_etag", "forged"), PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ETag");
    }

    @Test
    void numbersDynamoDbCannotStoreAreRefused() {
        assertThatThrownBy(() -> provider.create(Map.of("id", "nan", "ratio", Double.NaN), PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ratio");
        assertThatThrownBy(() -> provider.create(Map.of("id", "inf", "ratio", Double.NEGATIVE_INFINITY), PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ratio");
        assertThatThrownBy(() -> provider.create(
                        Map.of("id", "digits", "amount", new BigDecimal("1.23456789012345678901234567890123456789")),
                        PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount")
                .hasMessageContaining("39 significant digits")
                .hasMessageContaining("at most 38");
        assertThatThrownBy(() -> provider.create(Map.of("id", "huge", "amount", 1e300), PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount")
                .hasMessageContaining("1E300");
        assertThatThrownBy(() -> provider.create(Map.of("id", "tiny", "amount", new BigDecimal("1E-131")), PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1E-131");
        assertThatThrownBy(() -> provider.create(Map.of("id", "big", "count", BigInteger.TEN.pow(126)), PK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count");
    }

    @Test
    void numbersAtDynamoDbsLimitsAreAccepted() {
        Map<String, Object> limits = Map.of(
                "id",
                "limits",
                "digits38",
                new BigDecimal("1.2345678901234567890123456789012345678"),
                "largest",
                new BigDecimal("9.9999999999999999999999999999999999999E+125"),
                "smallest",
                new BigDecimal("-1E-130"),
                "trailingZeros",
                new BigDecimal("1234567890123456789012345678901234567800000"),
                "double",
                1e125,
                "zero",
                BigDecimal.ZERO.setScale(200));
        // the engine is asked after all: the mapping lets these through and DynamoDB stores them
        faults.reset();
        assertThat(TestProviders.await(provider.create(limits, PK)).success()).isTrue();
        faults.reset();
    }

    @Test
    void aNullArgumentIsANullPointerExceptionAndAStoreFactoryTakesNoNull() {
        assertThatThrownBy(() -> provider.snapshotStore(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("snapshotStore()");
        assertThatThrownBy(() -> provider.grantStore(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("grantStore()");
        assertThat(provider.snapshotStore().tableName()).endsWith("Snapshots");
        assertThat(provider.grantStore().tableName()).endsWith("AuthGrants");
    }
}
