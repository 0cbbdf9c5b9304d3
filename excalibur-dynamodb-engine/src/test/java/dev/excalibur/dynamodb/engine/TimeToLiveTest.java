package dev.excalibur.dynamodb.engine;

import static dev.excalibur.dynamodb.engine.EngineFixture.item;
import static dev.excalibur.dynamodb.engine.EngineFixture.n;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Time to live on the engine clock: {@code expireTtl} deletes exactly the eligible items (a top-level number of epoch
 * seconds in the past, not more than five years back) with service-attributed REMOVE records; the optional sweeper.
 */
class TimeToLiveTest {

    /** 2026-12-06T12:00:00.123Z, the fixture's start, in epoch seconds. */
    private static final long NOW = 1_796_558_400L;

    private StreamFixture fixture = new StreamFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @SuppressWarnings("unchecked")
    private String ttlTable(StreamFixture on) {
        String arn = on.client
                .createTable(b -> b.tableName("sessions")
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                        .attributeDefinitions(
                                a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("user").attributeType(ScalarAttributeType.S))
                        .globalSecondaryIndexes(g -> g.indexName("byUser")
                                .keySchema(k -> k.attributeName("user").keyType(KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL)))
                        .streamSpecification(
                                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription()
                .latestStreamArn();
        on.client.updateTimeToLive(b -> b.tableName("sessions")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
        return arn;
    }

    private List<String> keys() {
        return fixture.client.scan(b -> b.tableName("sessions")).items().stream()
                .map(i -> i.get("pk").s())
                .sorted()
                .toList();
    }

    @Test
    void expireTtlDeletesExactlyTheEligibleItemsWithServiceRemoveRecords() {
        String arn = ttlTable(fixture);
        fixture.put("sessions", "pk", "past", "user", "u1", "expires", NOW - 10);
        fixture.put("sessions", "pk", "fraction", "user", "u1", "expires", n((NOW) + ".1"));
        fixture.put("sessions", "pk", "future", "user", "u1", "expires", NOW + 10);
        fixture.put("sessions", "pk", "ancient", "user", "u1", "expires", NOW - 6L * 366 * 24 * 3600);
        fixture.put("sessions", "pk", "text", "user", "u1", "expires", "1");
        fixture.client.putItem(b -> b.tableName("sessions")
                .item(Map.of(
                        "pk",
                        AttributeValue.fromS("nested"),
                        "inner",
                        AttributeValue.fromM(Map.of("expires", n("1"))))));
        fixture.put("sessions", "pk", "none", "user", "u1");
        fixture.client.deleteItem(b -> b.tableName("sessions").key(item("pk", "none")));

        assertThat(fixture.engine.expireTtl("sessions")).isEqualTo(2);

        assertThat(keys()).containsExactly("ancient", "future", "nested", "text");
        assertThat(fixture.client
                        .query(b -> b.tableName("sessions")
                                .indexName("byUser")
                                .keyConditionExpression("#u = :u")
                                .expressionAttributeNames(Map.of("#u", "user"))
                                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS("u1"))))
                        .items())
                .extracting(i -> i.get("pk").s())
                .containsExactlyInAnyOrder("future", "ancient", "text");
        List<Record> removals = fixture.readAll(arn).stream()
                .filter(r -> r.eventName() == OperationType.REMOVE)
                .toList();
        Identity service = Identity.builder()
                .type("Service")
                .principalId("dynamodb.amazonaws.com")
                .build();
        assertThat(removals)
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("none", "past", "fraction");
        assertThat(removals.get(0).userIdentity()).as("an ordinary delete").isNull();
        assertThat(removals.subList(1, 3)).allSatisfy(r -> {
            assertThat(r.userIdentity()).isEqualTo(service);
            assertThat(r.dynamodb().oldImage()).containsKey("expires");
        });
        assertThat(fixture.engine.expireTtl("sessions")).isZero();
    }

    @Test
    void aTableWithoutTimeToLiveLosesNothing() {
        fixture.table("plain", StreamViewType.KEYS_ONLY);
        fixture.put("plain", "pk", "a", "expires", 1);
        assertThat(fixture.engine.expireTtl("plain")).isZero();
        assertThat(fixture.client.scan(b -> b.tableName("plain")).count()).isEqualTo(1);
        assertThatThrownBy(() -> fixture.engine.expireTtl("missing")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itemsOutliveTheirTimeUntilDeletedExplicitlyWhenNoSweeperRuns() {
        ttlTable(fixture);
        fixture.put("sessions", "pk", "soon", "expires", NOW + 60);
        fixture.engine.advance(Duration.ofHours(2));
        assertThat(keys())
                .as("expired but not deleted, as on the service until it gets to it")
                .containsExactly("soon");
        assertThat(fixture.engine.expireTtl("sessions")).isEqualTo(1);
        assertThat(keys()).isEmpty();
    }

    @Test
    void theSweeperDeletesExpiredItemsEveryIntervalOfEngineTime() {
        fixture.close();
        fixture = new StreamFixture(b -> b.ttlSweepInterval(Duration.ofHours(1)));
        ttlTable(fixture);
        fixture.put("sessions", "pk", "soon", "expires", NOW + 60);
        fixture.put("sessions", "pk", "later", "expires", NOW + 5400);
        fixture.engine.advance(Duration.ofMinutes(30));
        assertThat(keys()).containsExactly("later", "soon");
        fixture.engine.advance(Duration.ofMinutes(30));
        assertThat(keys()).as("the first sweep, one hour in").containsExactly("later");
        fixture.engine.advance(Duration.ofMinutes(59));
        assertThat(keys()).as("expired, the next sweep not due").containsExactly("later");
        fixture.engine.advance(Duration.ofMinutes(1));
        assertThat(keys()).isEmpty();
    }
}
