package dev.excalibur.data.dynamodb.grants;

import static dev.excalibur.data.dynamodb.TestProviders.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.excalibur.data.InvalidOptionsException;
import dev.excalibur.data.authorization.Grant;
import dev.excalibur.data.dynamodb.TestProviders;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDb;
import dev.excalibur.dynamodb.test.EmbeddedDynamoDbExtension;
import dev.excalibur.dynamodb.test.FaultInjector;
import dev.excalibur.dynamodb.test.ManualClock;
import dev.excalibur.dynamodb.test.TestTableName;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(EmbeddedDynamoDbExtension.class)
class GrantStoreTest {

    private static final Instant GRANTED = Instant.parse("2026-11-01T08:00:00Z");

    private static Grant grant(String user, String tenant, String type, String qualifier, Instant expiresOn) {
        return new Grant(user, "Full " + user, tenant, type, qualifier, expiresOn, "admin", GRANTED);
    }

    @Test
    void aGrantRoundTripsEveryFieldAndASaveReplacesIt(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbGrantStore store = fixture.provider().grantStore(o -> o.tableName(table + "_grants"));
            Grant saved = grant(
                    "ada",
                    "tenant-1",
                    "Activity",
                    "orders.read",
                    Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS));
            await(store.saveGrant(saved));

            assertThat(await(store.getGrant("ada", "tenant-1", "Activity", "orders.read")))
                    .contains(saved);
            assertThat(await(store.grantExists("ada", "tenant-1", "Activity", "orders.read")))
                    .isTrue();
            assertThat(await(store.getGrants("ada", false))).containsExactly(saved);

            Grant replaced = new Grant(
                    "ada",
                    "Ada Lovelace",
                    "tenant-1",
                    "Activity",
                    "orders.read",
                    null,
                    "root",
                    GRANTED.plusSeconds(60));
            await(store.saveGrant(replaced));
            assertThat(await(store.getGrants("ada", false))).containsExactly(replaced);
            assertThat(store.tableName()).isEqualTo(table + "_grants");
        }
    }

    @Test
    void expiredGrantsNeverAnswerAsActiveOnAnyReadPath(EmbeddedDynamoDb db, @TestTableName String table) {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbGrantStore store = fixture.provider()
                    .grantStore(o -> o.tableName(table + "_grants").clock(clock));
            Grant expired =
                    grant("bob", null, "Activity", "old", clock.instant().minus(1, ChronoUnit.MINUTES));
            Grant expiring =
                    grant("bob", null, "Activity", "soon", clock.instant().plusSeconds(90));
            Grant lasting = grant("bob", null, "Activity", "forever", null);
            await(store.saveGrant(expired));
            await(store.saveGrant(expiring));
            await(store.saveGrant(lasting));

            assertThat(await(store.getGrant("bob", null, "Activity", "old"))).isEmpty();
            assertThat(await(store.grantExists("bob", null, "Activity", "old"))).isFalse();
            assertThat(await(store.getGrants("bob", false)))
                    .extracting(Grant::qualifier)
                    .containsExactlyInAnyOrder("soon", "forever");
            assertThat(await(store.getGrants("bob", true)))
                    .extracting(Grant::qualifier)
                    .containsExactlyInAnyOrder("old", "soon", "forever");

            clock.advance(Duration.ofSeconds(89));
            assertThat(await(store.grantExists("bob", null, "Activity", "soon")))
                    .as("a second before expiry")
                    .isTrue();
            clock.advance(Duration.ofSeconds(1));
            assertThat(await(store.grantExists("bob", null, "Activity", "soon")))
                    .as("expired when expires-on <= now")
                    .isFalse();
            assertThat(await(store.getGrant("bob", null, "Activity", "soon"))).isEmpty();
            assertThat(await(store.getGrants("bob", null, false)))
                    .extracting(Grant::qualifier)
                    .containsExactly("forever");
        }
    }

    @Test
    void aRevokedGrantStopsMatchingAtOnceAndTheRevocationIsRecorded(EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbGrantStore store = fixture.provider().grantStore(o -> o.tableName(table + "_grants"));
            await(store.saveGrant(grant("cy", "t", "Role", "manager", null)));
            Instant revokedOn = Instant.parse("2026-11-25T11:00:00Z");

            assertThat(await(store.revokeGrant("cy", "t", "Role", "manager", "security", revokedOn)))
                    .isTrue();
            assertThat(await(store.grantExists("cy", "t", "Role", "manager"))).isFalse();
            assertThat(await(store.getGrant("cy", "t", "Role", "manager"))).isEmpty();
            assertThat(await(store.getGrants("cy", true))).isEmpty();
            Map<String, AttributeValue> raw = db.client()
                    .getItem(b ->
                            b.tableName(table + "_grants").key(DynamoDbGrantStore.key("cy", "t", "Role", "manager")))
                    .item();
            assertThat(raw.get("revokedBy").s()).isEqualTo("security");
            assertThat(raw.get("revokedOn").s()).isEqualTo(revokedOn.toString());
            assertThat(await(store.revokeGrant("cy", "t", "Role", "nobody", "security", revokedOn)))
                    .isFalse();

            await(store.saveGrant(grant("cy", "t", "Role", "manager", null)));
            assertThat(await(store.grantExists("cy", "t", "Role", "manager")))
                    .as("granted again")
                    .isTrue();
        }
    }

    @Test
    void usersAndTenantsNeverSeeEachOthersGrantsWhateverTheirIdsHoldIn(
            EmbeddedDynamoDb db, @TestTableName String table) {
        try (var fixture = TestProviders.open(db, table)) {
            DynamoDbGrantStore store = fixture.provider().grantStore(o -> o.tableName(table + "_grants"));
            await(store.saveGrant(grant("a#b", null, "Activity", "x", null)));
            await(store.saveGrant(grant("a", null, "Activity", "b#x", null)));
            await(store.saveGrant(grant("a", "t1", "Activity", "x", null)));
            await(store.saveGrant(grant("a", "1:t1#8:Activity", "Activity", "x", null)));
            await(store.saveGrant(grant("a", "t", "A#1:b", "c", null)));

            assertThat(await(store.getGrants("a#b", false)))
                    .extracting(Grant::userId)
                    .containsOnly("a#b");
            assertThat(await(store.getGrants("a", false)))
                    .extracting(Grant::userId)
                    .containsOnly("a")
                    .hasSize(4);
            assertThat(await(store.getGrants("a", null, false)))
                    .extracting(Grant::qualifier)
                    .containsExactly("b#x");
            assertThat(await(store.getGrants("a", "t1", false)))
                    .extracting(Grant::tenantId)
                    .containsExactly("t1");
            assertThat(await(store.grantExists("a", null, "Activity", "x")))
                    .as("user a has no untenanted 'x'")
                    .isFalse();
            assertThat(await(store.grantExists("a", "t2", "Activity", "x"))).isFalse();
            assertThat(await(store.grantExists("a", "t", "A", "1:b#c")))
                    .as("no type/qualifier split collides")
                    .isFalse();
            assertThat(await(store.grantExists("a", "t", "A#1:b", "c"))).isTrue();
        }
    }

    @Test
    void aUserLookUpIn10000GrantsIsOneQueryAndNeverAScan(EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector faults = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, faults)) {
            DynamoDbGrantStore store = fixture.provider().grantStore(o -> o.tableName(table + "_grants"));
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            for (int i = 0; i < 10_000; i++) {
                inFlight.add(
                        store.saveGrant(grant("user-" + (i % 1000), "tenant-" + (i % 3), "Activity", "q" + i, null)));
                if (inFlight.size() == 32) {
                    inFlight.forEach(TestProviders::await);
                    inFlight.clear();
                }
            }
            inFlight.forEach(TestProviders::await);
            faults.reset();

            List<Grant> grants = await(store.getGrants("user-42", false));

            assertThat(grants)
                    .hasSize(10)
                    .allSatisfy(g -> assertThat(g.userId()).isEqualTo("user-42"));
            assertThat(faults.requestCount("Query")).isEqualTo(1);
            assertThat(faults.requestCount("Scan")).isZero();
            assertThat(faults.totalRequests()).isEqualTo(1);
        }
    }

    @Test
    void activityGroupGrantsAnswerReadsAndAreManagedByTypeThroughTheIndex(
            EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector faults = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, o -> o.tablePrefix("Auth_"), faults)) {
            DynamoDbGrantStore store = fixture.provider().grantStore(o -> o.tableName(table + "_grants"));
            for (String user : List.of("u1", "u2", "u3")) {
                await(store.insertActivityGroupGrant(
                        user, "Name " + user, "t", "AG1", "finance", null, "directory-sync"));
            }
            await(store.insertActivityGroupGrant(
                    "u4", "Name u4", "t", "AG1", "finance", Instant.now().minusSeconds(60), "directory-sync"));
            await(store.insertActivityGroupGrant("u1", "Name u1", "t", "AG2", "finance", null, "directory-sync"));
            await(store.saveGrant(grant("u9", "t", "AG1", "finance", null)));

            assertThat(await(store.grantExists("u1", "t", "AG1", "finance")))
                    .as("visible to authorization reads")
                    .isTrue();
            faults.reset();
            assertThat(await(store.getDistinctActivityGroupGrantUserIds("AG1")))
                    .containsExactlyInAnyOrder("u1", "u2", "u3");
            assertThat(faults.requestCount("Scan")).isZero();

            assertThat(await(store.deleteActivityGroupGrantsByUser("u1", "AG1")))
                    .isEqualTo(1);
            assertThat(await(store.getDistinctActivityGroupGrantUserIds("AG1"))).containsExactlyInAnyOrder("u2", "u3");
            assertThat(await(store.deleteAllActivityGroupGrants("AG1"))).isEqualTo(3);
            assertThat(await(store.getDistinctActivityGroupGrantUserIds("AG1"))).isEmpty();
            assertThat(await(store.grantExists("u1", "t", "AG2", "finance"))).isTrue();
            assertThat(await(store.grantExists("u9", "t", "AG1", "finance")))
                    .as("a direct grant is not an activity-group grant")
                    .isTrue();
            assertThat(faults.requestCount("Scan")).isZero();
            assertThat(db.client()
                            .describeTable(b -> b.tableName("Auth_" + table + "_grants"))
                            .table()
                            .globalSecondaryIndexes())
                    .extracting(i -> i.indexName())
                    .containsExactly(DynamoDbGrantStore.ACTIVITY_GROUP_INDEX);
        }
    }

    @Test
    void badInputIsRefusedBeforeAnyRequest(EmbeddedDynamoDb db, @TestTableName String table) {
        FaultInjector faults = FaultInjector.create();
        try (var fixture = TestProviders.open(db, table, faults)) {
            DynamoDbGrantStore store = fixture.provider().grantStore(o -> o.tableName(table + "_grants"));
            faults.reset();

            assertThatThrownBy(() -> store.getGrant(" ", null, "Activity", "q")).hasMessageContaining("userId");
            assertThatThrownBy(() -> store.getGrants("", false)).hasMessageContaining("userId");
            assertThatThrownBy(() -> store.getGrant("u", " ", "Activity", "q")).hasMessageContaining("tenantId");
            assertThatThrownBy(() -> store.revokeGrant("u", null, "Activity", "q", "", Instant.now()))
                    .hasMessageContaining("revokedBy");
            assertThatThrownBy(() -> store.saveGrant(null)).hasMessageContaining("grant");
            assertThatThrownBy(() -> new Grant("u", null, null, "Activity", "", null, "admin", GRANTED))
                    .hasMessageContaining("qualifier");
            assertThatThrownBy(() -> store.deleteAllActivityGroupGrants(null)).hasMessageContaining("grantType");
            assertThatThrownBy(() ->
                            fixture.provider().grantStore(o -> o.tableName(" ").clock(null)))
                    .isInstanceOfSatisfying(
                            InvalidOptionsException.class,
                            e -> assertThat(e.problems())
                                    .satisfiesExactly(
                                            p -> assertThat(p).contains("tableName"),
                                            p -> assertThat(p).contains("clock")));
            assertThat(faults.totalRequests()).isZero();
        }
    }
}
