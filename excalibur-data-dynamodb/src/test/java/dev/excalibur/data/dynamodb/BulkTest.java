package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.dynamodb.test.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BulkTest extends ProviderPerTest {

    @Test
    void bulkWriteOf10000WithThrottlingAndUnprocessedItemsStoresAll() {
        reopen(o -> o.maxRetryAttempts(20));
        List<BulkWrite> writes = IntStream.range(0, 10_000)
                .mapToObj(i -> BulkWrite.put(partition(i), new TestDocument("doc-" + i, "n", i)))
                .toList();
        faults.failNext(20, "BatchWriteItem", Fault.throttling());
        faults.withholdBatchItems(100, 7);

        BulkWriteResult result = await(provider.bulkWrite(writes));

        assertThat(result.failures()).isEmpty();
        assertThat(result.isComplete()).isTrue();
        assertThat(result.written()).isEqualTo(10_000);
        assertThat(faults.requestCount("BatchWriteItem"))
                .as("400 chunks, 20 throttled attempts, re-sent unprocessed items")
                .isGreaterThan(400 + 20);
        long stored = 0;
        for (int p = 0; p < 10; p++) {
            stored += await(provider.count(
                    CloudQuery.builder().partitionKey(partition(p)).build()));
        }
        assertThat(stored).isEqualTo(10_000);
        assertThat(await(provider.getById("doc-9999", partition(9999), null, TestDocument.class))
                        .document()
                        .value())
                .isEqualTo(9999);
    }

    @Test
    void bulkWriteReportsWhatFinallyFailedAndAppliesTheRest() {
        reopen(o -> o.bulkConcurrency(1));
        PartitionKey pk = PartitionKey.of("p");
        List<BulkWrite> writes = IntStream.range(0, 60)
                .mapToObj(i -> BulkWrite.put(pk, new TestDocument("d" + i, "n", i)))
                .toList();
        faults.failNext(1, "BatchWriteItem", Fault.validation("refused for the test"));

        BulkWriteResult result = await(provider.bulkWrite(writes));

        assertThat(result.written()).isEqualTo(35);
        assertThat(result.failures())
                .hasSize(25)
                .extracting(BulkFailure::index)
                .containsExactlyElementsOf(IntStream.range(0, 25).boxed().toList());
        assertThat(result.failures().get(0).reason()).contains("refused for the test");
        assertThat(result.failures().get(0).documentId()).isEqualTo("d0");
        assertThat(await(provider.count(CloudQuery.builder().partitionKey(pk).build())))
                .isEqualTo(35);
    }

    @Test
    void bulkWriteDeletesAndPutsInOneLoad() {
        PartitionKey pk = PartitionKey.of("p");
        await(provider.create(new TestDocument("old", "n", 1), pk));

        BulkWriteResult result = await(provider.bulkWrite(
                List.of(BulkWrite.delete(pk, "old"), BulkWrite.put(pk, new TestDocument("new", "n", 2)))));

        assertThat(result.written()).isEqualTo(2);
        assertThat(await(provider.getById("old", pk, null, TestDocument.class)).isNotFound())
                .isTrue();
        assertThat(await(provider.getById("new", pk, null, TestDocument.class)).etag())
                .isNotBlank();
    }

    @Test
    void bulkGetReadsEveryIdInOrderThroughUnprocessedKeys() {
        PartitionKey pk = PartitionKey.of("p");
        await(provider.bulkWrite(IntStream.range(0, 250)
                .mapToObj(i -> BulkWrite.put(pk, new TestDocument("d" + i, "n", i)))
                .toList()));
        List<String> ids = new ArrayList<>();
        for (int i = 259; i >= 0; i--) {
            ids.add("d" + i);
        }
        ids.add("d5");
        faults.withholdBatchItems(3, 30);

        BulkGetResult<TestDocument> result = await(provider.bulkGet(pk, ids, null, TestDocument.class));

        assertThat(result.isComplete()).isTrue();
        assertThat(result.documents()).hasSize(250);
        assertThat(result.documents().keySet()).startsWith("d249", "d248").endsWith("d1", "d0");
        assertThat(result.documents().get("d42").value()).isEqualTo(42);
        assertThat(result.missingIds())
                .containsExactly("d259", "d258", "d257", "d256", "d255", "d254", "d253", "d252", "d251", "d250");
        assertThat(faults.requestCount("BatchGetItem")).isGreaterThan(3);
    }

    @Test
    void badBulkInputIsRefusedBeforeAnyRequest() {
        PartitionKey pk = PartitionKey.of("p");
        int before = faults.totalRequests();

        assertThatThrownBy(() -> provider.bulkWrite(
                        List.of(BulkWrite.put(pk, new TestDocument("a", "n", 1)), BulkWrite.delete(pk, "a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("writes 0 and 1");
        assertThatThrownBy(() -> provider.bulkWrite(List.of(
                        BulkWrite.put(pk, new TestDocument("a", "n", 1)),
                        BulkWrite.put(pk, new TestDocument(" ", "n", 1)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write 1")
                .hasMessageContaining("id");
        assertThatThrownBy(() -> provider.bulkGet(pk, List.of("a", ""), null, TestDocument.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id 1");
        assertThat(faults.totalRequests()).isEqualTo(before);
        assertThat(await(provider.bulkWrite(List.of())).written()).isZero();
    }

    private static PartitionKey partition(int i) {
        return PartitionKey.of("tenant-" + (i % 10));
    }
}
