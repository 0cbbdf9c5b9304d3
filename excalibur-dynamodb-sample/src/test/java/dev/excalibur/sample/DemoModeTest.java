package dev.excalibur.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.excalibur.data.authorization.GrantStore;
import dev.excalibur.data.cloudnative.query.CloudQuery;
import dev.excalibur.data.cloudnative.query.SortKeyCondition;
import dev.excalibur.data.dynamodb.DynamoDbPersistenceProvider;
import dev.excalibur.data.snapshots.SnapshotStore;
import dev.excalibur.sample.demo.DemoReport;
import dev.excalibur.sample.demo.DemoScript;
import dev.excalibur.sample.orders.OrderService;
import dev.excalibur.sample.projection.OrderProjection;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DemoModeTest {

    @Autowired
    DemoScript demo;

    @Autowired
    DynamoDbPersistenceProvider provider;

    @Autowired
    SnapshotStore snapshots;

    @Autowired
    GrantStore grants;

    @Autowired
    OrderProjection projection;

    @Autowired
    MeterRegistry meters;

    @Test
    void theDemoExercisesEveryCapabilityAndReportsEachCheckPassed(CapturedOutput console) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoReport report = demo.run(new PrintStream(printed, true, StandardCharsets.UTF_8));
        String output = printed.toString(StandardCharsets.UTF_8);

        assertThat(report.checks())
                .extracting(DemoReport.Check::name)
                .containsExactly(
                        "seed",
                        "paging",
                        "documents with ETags",
                        "transactional batch",
                        "event-sourced aggregate with snapshots",
                        "grant check",
                        "CDC projection",
                        "actuator");
        assertThat(report.checks())
                .allSatisfy(check -> assertThat(check.passed())
                        .as(check.name() + ": " + check.detail())
                        .isTrue());
        assertThat(report.passed()).isTrue();
        assertThat(output)
                .contains(
                        "seeding [",
                        "240/240 orders placed",
                        "ship again with the stale ETag -> 412",
                        "cancels without a grant -> 403",
                        "demo finished: all 8 checks passed");
        assertThat(console.getOut())
                .as("the CDC handler prints the changes made after seeding")
                .contains("cdc> UPDATED CUSTOMER#c-01", "SHIPPED", "CANCELLED");

        // what the demo left behind, read directly rather than through the demo's own checks
        CloudQuery firstCustomersOrders = CloudQuery.builder()
                .partitionKey(Customers.partition("c-01"))
                .sortKey(SortKeyCondition.beginsWith("ORDER#"))
                .build();
        assertThat(provider.count(firstCustomersOrders).join()).isEqualTo(13);
        assertThat(snapshots.getLatestSnapshot("c-01", "CustomerAccount").join())
                .hasValueSatisfying(snapshot -> assertThat(snapshot.version()).isEqualTo(10));
        assertThat(grants.grantExists("clerk-1", null, OrderService.CANCEL_GRANT, "c-01")
                        .join())
                .isFalse();
        OrderProjection.View view = projection.view();
        assertThat(view.orders()).isEqualTo(241);
        assertThat(view.ordersByStatus())
                .containsEntry("SHIPPED", 1)
                .containsEntry("CANCELLED", 1)
                .containsEntry("PLACED", 239);
        assertThat(meters.get("excalibur.dynamodb.operation")
                        .tag("operation", "executeBatch")
                        .tag("outcome", "precondition")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("excalibur.cdc.records").counter().count())
                .isGreaterThanOrEqualTo(view.changesReceived());
    }
}
