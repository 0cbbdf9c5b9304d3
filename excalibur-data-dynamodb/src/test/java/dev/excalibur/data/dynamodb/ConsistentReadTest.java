package dev.excalibur.data.dynamodb;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.PartitionKey;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.dynamodb.test.FaultInjector;
import dev.excalibur.dynamodb.test.TestTableName;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The consistency a caller chooses reaches DynamoDB as {@code ConsistentRead} on the request sent.
 * The engine reads consistently whatever the flag says, so the requests themselves are checked
 * (kept by the {@link FaultInjector} on the provider's client).
 */
class ConsistentReadTest extends ProviderPerTest {

    private static final PartitionKey PK = PartitionKey.of("consistency");

    /** What the last request of {@code operation} asked for: true, or false for false and absent alike. */
    private static boolean lastGetConsistent(FaultInjector faults) {
        List<GetItemRequest> sent = faults.requests("GetItem", GetItemRequest.class);
        assertThat(sent).as("GetItem requests sent").isNotEmpty();
        return Boolean.TRUE.equals(sent.get(sent.size() - 1).consistentRead());
    }

    private static boolean lastQueryConsistent(FaultInjector faults) {
        List<QueryRequest> sent = faults.requests("Query", QueryRequest.class);
        assertThat(sent).as("Query requests sent").isNotEmpty();
        return Boolean.TRUE.equals(sent.get(sent.size() - 1).consistentRead());
    }

    private static boolean lastBatchGetConsistent(FaultInjector faults, String table) {
        List<BatchGetItemRequest> sent = faults.requests("BatchGetItem", BatchGetItemRequest.class);
        assertThat(sent).as("BatchGetItem requests sent").isNotEmpty();
        return Boolean.TRUE.equals(
                sent.get(sent.size() - 1).requestItems().get(table).consistentRead());
    }

    @Test
    void getByIdSendsConsistentReadOnlyWhenStrongIsAsked() {
        await(provider.create(new TestDocument("a", "x", 1), PK));

        assertThat(await(provider.getById("a", PK, ConsistencyOptions.strong(), TestDocument.class))
                        .success())
                .isTrue();
        assertThat(lastGetConsistent(faults)).as("STRONG").isTrue();

        await(provider.getById("a", PK, null, TestDocument.class));
        assertThat(lastGetConsistent(faults)).as("no consistency given").isFalse();

        await(provider.getById("a", PK, ConsistencyOptions.defaults(), TestDocument.class));
        assertThat(lastGetConsistent(faults)).as("DEFAULT").isFalse();

        await(provider.getById("a", PK, ConsistencyOptions.eventual(), TestDocument.class));
        assertThat(lastGetConsistent(faults)).as("EVENTUAL").isFalse();
        assertThat(faults.requests("GetItem")).hasSize(4);
    }

    @Test
    void queryAndCountSendConsistentReadOnlyWhenStrongIsAsked() {
        await(provider.create(new TestDocument("a", "x", 1), PK));
        CloudQuery eventual = CloudQuery.of(q -> q.partitionKey(PK));
        CloudQuery strong = CloudQuery.of(q -> q.partitionKey(PK).consistency(ConsistencyOptions.strong()));

        assertThat(await(provider.query(strong, TestDocument.class)).documents())
                .hasSize(1);
        assertThat(lastQueryConsistent(faults)).as("STRONG query").isTrue();
        await(provider.query(eventual, TestDocument.class));
        assertThat(lastQueryConsistent(faults)).as("default query").isFalse();

        assertThat(await(provider.count(strong))).isEqualTo(1);
        assertThat(lastQueryConsistent(faults)).as("STRONG count").isTrue();
        await(provider.count(eventual));
        assertThat(lastQueryConsistent(faults)).as("default count").isFalse();
    }

    @Test
    void bulkGetSendsConsistentReadOnlyWhenStrongIsAsked(@TestTableName String table) {
        await(provider.create(new TestDocument("a", "x", 1), PK));

        assertThat(await(provider.bulkGet(PK, List.of("a"), ConsistencyOptions.strong(), TestDocument.class))
                        .documents())
                .containsOnlyKeys("a");
        assertThat(lastBatchGetConsistent(faults, table)).as("STRONG").isTrue();
        await(provider.bulkGet(PK, List.of("a"), null, TestDocument.class));
        assertThat(lastBatchGetConsistent(faults, table)).as("default").isFalse();
    }

    @Test
    void theUseConsistentReadsOptionMakesEveryReadConsistentWhateverTheCallAsks(@TestTableName String table) {
        reopen(o -> o.useConsistentReads(true));
        await(provider.create(new TestDocument("a", "x", 1), PK));

        await(provider.getById("a", PK, null, TestDocument.class));
        assertThat(lastGetConsistent(faults))
                .as("getById, no consistency given")
                .isTrue();
        await(provider.getById("a", PK, ConsistencyOptions.eventual(), TestDocument.class));
        assertThat(lastGetConsistent(faults))
                .as("getById, EVENTUAL cannot weaken the option")
                .isTrue();

        await(provider.query(CloudQuery.of(q -> q.partitionKey(PK)), TestDocument.class));
        assertThat(lastQueryConsistent(faults)).as("query").isTrue();
        await(provider.count(CloudQuery.of(q -> q.partitionKey(PK))));
        assertThat(lastQueryConsistent(faults)).as("count").isTrue();

        await(provider.bulkGet(PK, List.of("a"), null, TestDocument.class));
        assertThat(lastBatchGetConsistent(faults, table)).as("bulkGet").isTrue();
    }
}
