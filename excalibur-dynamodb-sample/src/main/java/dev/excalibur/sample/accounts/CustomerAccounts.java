package dev.excalibur.sample.accounts;

import dev.excalibur.data.cloudnative.ConsistencyOptions;
import dev.excalibur.data.cloudnative.batch.CloudBatchOperation;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.data.cloudnative.query.SortKeyCondition;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.snapshots.Snapshot;
import dev.excalibur.data.snapshots.SnapshotStore;
import dev.excalibur.sample.Customers;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * The customer accounts' event store: events are documents in the customer's partition, appended
 * in the same transactional batch as the order change that caused them; a snapshot is saved every
 * {@code sample.snapshot-every} events and loading replays only the events after the latest one.
 */
@Component
public class CustomerAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerAccounts.class);
    static final String AGGREGATE_TYPE = "CustomerAccount";
    private static final long LAST_VERSION = 999_999_999_999L;

    private final DynamoDbPersistenceProvider provider;
    private final SnapshotStore snapshots;
    private final ObjectMapper json;
    private final int snapshotEvery;

    public CustomerAccounts(
            DynamoDbPersistenceProvider provider,
            SnapshotStore snapshots,
            ObjectMapper json,
            @Value("${sample.snapshot-every:10}") int snapshotEvery) {
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("sample.snapshot-every must be at least 1 but was " + snapshotEvery);
        }
        this.provider = provider;
        this.snapshots = snapshots;
        this.json = json;
        this.snapshotEvery = snapshotEvery;
    }

    /**
     * An account as loaded: its state, the snapshot version it started from (0: none) and how many
     * events were replayed on top of it.
     */
    public record Loaded(CustomerAccount account, long snapshotVersion, int eventsReplayed) {}

    /** An event about to be appended: the batch operation that writes it and the state it leads to. */
    public record Append(CloudBatchOperation operation, CustomerAccount next) {}

    /** Loads the account from its latest snapshot and the events after it. */
    public Loaded load(String customerId) {
        Optional<Snapshot> snapshot =
                snapshots.getLatestSnapshot(customerId, AGGREGATE_TYPE).join();
        CustomerAccount account = snapshot.map(this::read).orElseGet(() -> CustomerAccount.empty(customerId));
        long snapshotVersion = account.version();
        CloudQuery events = CloudQuery.builder()
                .partitionKey(Customers.partition(customerId))
                .sortKey(SortKeyCondition.between(
                        AccountEvent.idOf(snapshotVersion + 1), AccountEvent.idOf(LAST_VERSION)))
                .consistency(ConsistencyOptions.strong())
                .build();
        int replayed = 0;
        for (Iterator<AccountEvent> it =
                        provider.queryAll(events, AccountEvent.class).iterator();
                it.hasNext();
                replayed++) {
            account = account.apply(it.next());
        }
        return new Loaded(account, snapshotVersion, replayed);
    }

    /**
     * The next event of the account, as a create that fails the whole batch (409) when another
     * writer appended that version first.
     */
    public Append append(CustomerAccount account, AccountEvent.Type type, String orderNumber, BigDecimal amount) {
        long version = account.version() + 1;
        AccountEvent event =
                new AccountEvent(AccountEvent.idOf(version), version, type, orderNumber, amount, Instant.now());
        return new Append(CloudBatchOperation.create(event), account.apply(event));
    }

    /**
     * Records that an appended event was committed: saves a snapshot at every
     * {@code snapshot-every}th version. A snapshot is an optimisation: when saving it fails, the
     * events are still there, so the failure is logged and the next load replays a few more events.
     */
    public void committed(CustomerAccount account) {
        if (account.version() % snapshotEvery != 0) {
            return;
        }
        try {
            snapshots
                    .saveSnapshot(Snapshot.of(
                            account.customerId(), AGGREGATE_TYPE, account.version(), json.writeValueAsBytes(account)))
                    .join();
        } catch (RuntimeException e) {
            LOG.warn(
                    "snapshot of account {} at version {} not saved: {}",
                    account.customerId(),
                    account.version(),
                    e.toString());
        }
    }

    private CustomerAccount read(Snapshot snapshot) {
        try {
            return json.readValue(snapshot.data(), CustomerAccount.class);
        } catch (JacksonException e) {
            throw new IllegalStateException(
                    "snapshot " + snapshot.snapshotId() + " of account " + snapshot.aggregateId() + " is unreadable",
                    e);
        }
    }
}
