package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.excalibur.data.cloudnative.CloudOperationResult;
import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.dynamodb.codec.jackson2.Jackson2DocumentCodec;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The Boot 3.5 service's first test: the starter's provider maps documents with the Jackson 2 codec
 * (java.time and BigDecimal included), updates honour ETags, and Jackson 3 is not on the class path.
 */
@SpringBootTest(properties = "excalibur.dynamodb.embedded=true")
class OrdersApplicationTest {

    record Shipment(String id, String status, BigDecimal weightKg, Instant dispatchedAt) {}

    @Autowired
    DynamoDbPersistenceProvider provider;

    @Test
    void theStartersProviderMapsDocumentsWithJackson2AndChecksEtags() {
        PartitionKey warehouse = PartitionKey.of("WAREHOUSE#7");
        Shipment packed =
                new Shipment("SHIPMENT#1", "PACKED", new BigDecimal("12.5"), Instant.parse("2026-12-07T08:00:00Z"));
        CloudOperationResult<Shipment> created =
                provider.create(packed, warehouse).join();

        Shipment dispatched = new Shipment(packed.id(), "DISPATCHED", packed.weightKg(), packed.dispatchedAt());
        CloudOperationResult<Shipment> updated =
                provider.update(dispatched, warehouse, created.etag()).join();
        CloudOperationResult<Shipment> stale =
                provider.update(packed, warehouse, created.etag()).join();

        assertThat(provider.documentCodec()).isInstanceOf(Jackson2DocumentCodec.class);
        assertThatExceptionOfType(ClassNotFoundException.class)
                .isThrownBy(() -> Class.forName("tools.jackson.databind.ObjectMapper"));
        assertThat(updated.statusCode()).as(updated.errorMessage()).isEqualTo(200);
        assertThat(stale.isConcurrencyConflict()).isTrue();
        assertThat(provider.getById(packed.id(), warehouse, ConsistencyOptions.strong(), Shipment.class)
                        .join()
                        .document())
                .isEqualTo(dispatched);
    }
}
