package dev.excalibur.sample.demo;

import dev.excalibur.sample.orders.OrderService;
import dev.excalibur.sample.projection.OrderProjection;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The scripted demo: drives the running service through its own HTTP interface (as a client
 * would), checks every capability, prints what it sees, and returns the report.
 */
@Component
public class DemoScript {

    static final int CUSTOMERS = 20;
    static final int ORDERS_PER_CUSTOMER = 12;
    private static final Map<String, BigDecimal> CATALOGUE = Map.of(
            "KEYBOARD",
            new BigDecimal("89.90"),
            "MOUSE",
            new BigDecimal("24.50"),
            "MONITOR",
            new BigDecimal("219.00"),
            "CABLE",
            new BigDecimal("7.25"),
            "DOCK",
            new BigDecimal("149.99"));
    private static final List<String> SKUS =
            CATALOGUE.keySet().stream().sorted().toList();
    private static final Duration PROJECTION_WAIT = Duration.ofSeconds(60);

    private final Environment environment;
    private final OrderProjection projection;

    public DemoScript(Environment environment, OrderProjection projection) {
        this.environment = environment;
        this.projection = projection;
    }

    /** Runs the demo against this service, printing to {@code out}. */
    public DemoReport run(PrintStream out) {
        Run run = new Run(out, "http://localhost:" + environment.getRequiredProperty("local.server.port"));
        try {
            run.all();
        } catch (RuntimeException e) {
            run.check("demo ran to the end", false, e.toString());
        }
        DemoReport report = new DemoReport(run.checks);
        long passed = report.checks().stream().filter(DemoReport.Check::passed).count();
        out.println();
        out.println(
                report.passed()
                        ? "demo finished: all " + passed + " checks passed"
                        : "demo FAILED: " + (report.checks().size() - passed) + " of "
                                + report.checks().size() + " checks failed");
        return report;
    }

    /** One HTTP answer: status, JSON body (or null) and ETag header (or null). */
    private record Response(int status, JsonNode body, String etag) {}

    /** One run of the script. */
    private final class Run {
        private final PrintStream out;
        private final String baseUrl;
        private final RestClient http;
        private final List<DemoReport.Check> checks = new ArrayList<>();
        private final Random random = new Random(42);

        Run(PrintStream out, String baseUrl) {
            this.out = out;
            this.baseUrl = baseUrl;
            this.http = RestClient.create(baseUrl);
        }

        void all() {
            out.println("Excalibur DynamoDB sample order service on " + baseUrl + " (DynamoDB: "
                    + environment
                            .getProperty("excalibur.dynamodb.embedded", "false")
                            .replace("true", "the embedded Excalibur engine")
                            .replace("false", "AWS")
                    + ")");
            out.println("  GET /actuator/health -> "
                    + describeHealth(call(HttpMethod.GET, "/actuator/health", null, null)));
            seed();
            List<JsonNode> firstCustomerOrders = paging();
            String first = firstCustomerOrders.get(0).get("id").asString().substring("ORDER#".length());
            etags(first);
            transactionalBatch();
            eventSourcedAccount();
            grants(
                    firstCustomerOrders.get(1).get("id").asString().substring("ORDER#".length()),
                    firstCustomerOrders.get(2).get("id").asString().substring("ORDER#".length()));
            cdcProjection();
            actuator();
        }

        /** Places the orders, showing a progress line, until the CDC projection has seen them all. */
        private void seed() {
            int total = CUSTOMERS * ORDERS_PER_CUSTOMER;
            int created = 0;
            boolean caughtUp;
            projection.printChanges(false);
            try {
                for (int n = 0; n < total; n++) {
                    Response placed = place(customer(n % CUSTOMERS), randomLines(1 + random.nextInt(3)));
                    created += placed.status() == 201 ? 1 : 0;
                    if (n % 10 == 9) {
                        progress(n + 1, total);
                    }
                }
                caughtUp = await(() -> {
                    progress(total, total);
                    return projection.view().orders() >= total;
                });
            } finally {
                out.println();
                projection.printChanges(true);
            }
            check(
                    "seed",
                    created == total && caughtUp,
                    created + " of " + total + " orders placed for " + CUSTOMERS
                            + " customers, each with its lines and account event in one transaction; the CDC projection has them all");
        }

        private void progress(int placed, int total) {
            int width = 24;
            int filled = placed * width / total;
            out.print("\r  seeding [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + placed + "/" + total
                    + " orders placed, " + projection.view().orders() + " seen by the CDC projection ");
            out.flush();
        }

        /** Lists the first customer's orders 5 at a time; returns them all. */
        private List<JsonNode> paging() {
            List<JsonNode> orders = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String token = null;
            do {
                Response page = call(
                        HttpMethod.GET,
                        "/customers/" + customer(0) + "/orders?pageSize=5"
                                + (token == null ? "" : "&continuationToken=" + token),
                        null,
                        null);
                page.body().get("orders").forEach(orders::add);
                pageSizes.add(page.body().get("orders").size());
                JsonNode next = page.body().path("continuationToken");
                token = next.isString() ? next.asString() : null;
            } while (token != null && pageSizes.size() < 10);
            List<String> ids = orders.stream().map(o -> o.get("id").asString()).toList();
            boolean inOrder = ids.equals(ids.stream().sorted().toList()) && new HashSet<>(ids).size() == ids.size();
            check(
                    "paging",
                    orders.size() == ORDERS_PER_CUSTOMER && inOrder,
                    customer(0) + "'s " + orders.size() + " orders in pages of " + pageSizes
                            + ", oldest first, none twice");
            return orders;
        }

        private void etags(String number) {
            String path = "/customers/" + customer(0) + "/orders/" + number;
            Response read = call(HttpMethod.GET, path, null, null);
            Response withoutEtag = call(HttpMethod.POST, path + "/ship", null, null);
            Response shipped = call(HttpMethod.POST, path + "/ship", read.etag(), null);
            Response stale = call(HttpMethod.POST, path + "/ship", read.etag(), null);
            Response after = call(HttpMethod.GET, path, null, null);
            out.println("  GET " + path + " -> " + read.status() + " ETag " + read.etag());
            out.println("  ship without If-Match -> " + withoutEtag.status() + "; with If-Match " + read.etag() + " -> "
                    + shipped.status() + ", new ETag " + shipped.etag());
            out.println("  ship again with the stale ETag -> " + stale.status() + " ("
                    + stale.body().get("detail").asString() + ")");
            out.println(
                    "  stored order: " + after.body().get("order").get("status").asString() + ", ETag " + after.etag());
            check(
                    "documents with ETags",
                    read.status() == 200
                            && withoutEtag.status() == 428
                            && shipped.status() == 200
                            && !shipped.etag().equals(read.etag())
                            && stale.status() == 412
                            && "SHIPPED"
                                    .equals(after.body()
                                            .get("order")
                                            .get("status")
                                            .asString())
                            && shipped.etag().equals(after.etag()),
                    "update at the current ETag 200 with a new ETag; at the stale one 412 and the stored order unchanged");
        }

        private void transactionalBatch() {
            Response placed = place(customer(0), List.of(line("KEYBOARD", 1), line("MOUSE", 2), line("CABLE", 4)));
            Response details = call(
                    HttpMethod.GET,
                    placed.body() == null
                            ? "/"
                            : "/customers/" + customer(0) + "/orders/"
                                    + placed.body()
                                            .get("order")
                                            .get("id")
                                            .asString()
                                            .substring("ORDER#".length()),
                    null,
                    null);
            Response tooBig = place(
                    customer(0),
                    IntStream.rangeClosed(1, OrderService.MAX_LINES + 1)
                            .mapToObj(i -> line("CABLE", 1))
                            .toList());
            int orders = countOrders(customer(0));
            out.println("  placed an order with 3 lines -> " + placed.status() + "; read back with "
                    + details.body().get("lines").size() + " lines");
            out.println("  an order of " + (OrderService.MAX_LINES + 1) + " lines -> " + tooBig.status() + " ("
                    + tooBig.body().get("detail").asString() + ")");
            check(
                    "transactional batch",
                    placed.status() == 201
                            && details.body().get("lines").size() == 3
                            && tooBig.status() == 400
                            && orders == ORDERS_PER_CUSTOMER + 1,
                    "order + 3 lines + account event in one transaction; a batch over the limit refused before any write ("
                            + orders + " orders stored)");
        }

        private void eventSourcedAccount() {
            JsonNode loaded = call(HttpMethod.GET, "/customers/" + customer(0) + "/account", null, null)
                    .body();
            JsonNode account = loaded.get("account");
            BigDecimal listedTotal = allOrders(customer(0)).stream()
                    .map(o -> new BigDecimal(o.get("total").asString()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            long version = account.get("version").asLong();
            long snapshotVersion = loaded.get("snapshotVersion").asLong();
            out.println(
                    "  account " + customer(0) + ": version " + version + " = snapshot at version " + snapshotVersion
                            + " + " + loaded.get("eventsReplayed").asInt() + " events replayed; "
                            + account.get("ordersPlaced").asInt()
                            + " placed, " + account.get("ordersShipped").asInt() + " shipped, spent "
                            + account.get("totalSpent").asString());
            check(
                    "event-sourced aggregate with snapshots",
                    version == ORDERS_PER_CUSTOMER + 2
                            && snapshotVersion > 0
                            && snapshotVersion + loaded.get("eventsReplayed").asLong() == version
                            && account.get("ordersPlaced").asInt() == ORDERS_PER_CUSTOMER + 1
                            && new BigDecimal(account.get("totalSpent").asString()).compareTo(listedTotal) == 0,
                    "rebuilt from the latest snapshot and the events after it; its total matches the orders stored");
        }

        private void grants(String second, String third) {
            String orders = "/customers/" + customer(0) + "/orders/";
            Response refused = call(HttpMethod.POST, orders + second + "/cancel", null, "clerk-1");
            Response granted =
                    call(HttpMethod.PUT, "/customers/" + customer(0) + "/cancellers/clerk-1", null, "supervisor");
            Response cancelled = call(HttpMethod.POST, orders + second + "/cancel", null, "clerk-1");
            Response revoked =
                    call(HttpMethod.DELETE, "/customers/" + customer(0) + "/cancellers/clerk-1", null, "supervisor");
            Response refusedAgain = call(HttpMethod.POST, orders + third + "/cancel", null, "clerk-1");
            out.println("  clerk-1 cancels without a grant -> " + refused.status() + "; granted -> " + granted.status()
                    + "; cancels -> " + cancelled.status() + "; revoked -> " + revoked.status()
                    + "; cancels another -> "
                    + refusedAgain.status());
            check(
                    "grant check",
                    refused.status() == 403
                            && granted.status() == 204
                            && cancelled.status() == 200
                            && "CANCELLED".equals(cancelled.body().get("status").asString())
                            && revoked.status() == 204
                            && refusedAgain.status() == 403,
                    "cancel refused (403) without the '" + OrderService.CANCEL_GRANT
                            + "' grant, allowed with it, refused once revoked");
        }

        private void cdcProjection() {
            int expected = CUSTOMERS * ORDERS_PER_CUSTOMER + 1;
            boolean caughtUp = await(() -> {
                OrderProjection.View view = projection.view();
                return view.orders() == expected
                        && view.ordersByStatus().getOrDefault("SHIPPED", 0) == 1
                        && view.ordersByStatus().getOrDefault("CANCELLED", 0) == 1;
            });
            JsonNode view = call(HttpMethod.GET, "/projection", null, null).body();
            out.println("  GET /projection -> " + view.get("orders").asInt() + " orders " + view.get("ordersByStatus")
                    + " from " + view.get("changesReceived").asLong() + " changes");
            check(
                    "CDC projection",
                    caughtUp && view.get("orders").asInt() == expected,
                    "the CDC processor delivered every change; the projection counts " + view.get("ordersByStatus"));
        }

        private void actuator() {
            Response health = call(HttpMethod.GET, "/actuator/health", null, null);
            JsonNode components = health.body().get("components");
            JsonNode names =
                    call(HttpMethod.GET, "/actuator/metrics", null, null).body().get("names");
            Set<String> meters = new HashSet<>();
            names.forEach(n -> meters.add(n.asString()));
            JsonNode operations = call(HttpMethod.GET, "/actuator/metrics/excalibur.dynamodb.operation", null, null)
                    .body();
            List<String> outcomes = new ArrayList<>();
            operations.get("availableTags").forEach(tag -> {
                if ("outcome".equals(tag.get("tag").asString())) {
                    tag.get("values").forEach(v -> outcomes.add(v.asString()));
                }
            });
            JsonNode records = call(HttpMethod.GET, "/actuator/metrics/excalibur.cdc.records", null, null)
                    .body();
            out.println("  GET /actuator/health -> " + describeHealth(health));
            out.println("  GET /actuator/metrics -> excalibur.dynamodb.operation " + measurement(operations, "COUNT")
                    + " calls, outcomes " + outcomes.stream().sorted().toList() + "; excalibur.cdc.records "
                    + measurement(records, "COUNT"));
            check(
                    "actuator",
                    health.status() == 200
                            && "UP"
                                    .equals(components
                                            .get("dynamoDb")
                                            .get("status")
                                            .asString())
                            && "UP"
                                    .equals(components
                                            .get("cdcRunner")
                                            .get("status")
                                            .asString())
                            && meters.containsAll(List.of(
                                    "excalibur.dynamodb.operation", "excalibur.cdc.records", "excalibur.cdc.lag"))
                            && outcomes.containsAll(List.of("success", "precondition")),
                    "/actuator/health shows DynamoDB and the CDC processor UP; /actuator/metrics has the operation and CDC meters");
        }

        private String describeHealth(Response health) {
            JsonNode components = health.body().get("components");
            StringBuilder text =
                    new StringBuilder("health " + health.body().get("status").asString());
            for (String name : List.of("dynamoDb", "cdcRunner")) {
                JsonNode component = components == null ? null : components.get(name);
                if (component != null) {
                    text.append(", ")
                            .append(name)
                            .append(' ')
                            .append(component.get("status").asString())
                            .append(' ')
                            .append(component.path("details"));
                }
            }
            return text.toString();
        }

        private static double measurement(JsonNode metric, String statistic) {
            for (JsonNode m : metric.get("measurements")) {
                if (statistic.equals(m.get("statistic").asString())) {
                    return m.get("value").asDouble();
                }
            }
            return Double.NaN;
        }

        private int countOrders(String customer) {
            return allOrders(customer).size();
        }

        private List<JsonNode> allOrders(String customer) {
            List<JsonNode> orders = new ArrayList<>();
            call(
                            HttpMethod.GET,
                            "/customers/" + customer + "/orders?pageSize=" + OrderService.MAX_PAGE_SIZE,
                            null,
                            null)
                    .body()
                    .get("orders")
                    .forEach(orders::add);
            return orders;
        }

        private Response place(String customer, List<Map<String, Object>> lines) {
            return call(HttpMethod.POST, "/customers/" + customer + "/orders", null, null, Map.of("lines", lines));
        }

        private List<Map<String, Object>> randomLines(int count) {
            return IntStream.range(0, count)
                    .mapToObj(i -> line(SKUS.get(random.nextInt(SKUS.size())), 1 + random.nextInt(3)))
                    .toList();
        }

        private Map<String, Object> line(String sku, int quantity) {
            return Map.of("sku", sku, "quantity", quantity, "unitPrice", CATALOGUE.get(sku));
        }

        private Response call(HttpMethod method, String path, String ifMatch, String user) {
            return call(method, path, ifMatch, user, null);
        }

        private Response call(HttpMethod method, String path, String ifMatch, String user, Object body) {
            RestClient.RequestBodySpec request = http.method(method)
                    .uri(path)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
            if (ifMatch != null) {
                request.header(HttpHeaders.IF_MATCH, ifMatch);
            }
            if (user != null) {
                request.header("X-User", user);
            }
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            return request.exchange((req, res) -> new Response(
                    res.getStatusCode().value(),
                    res.bodyTo(JsonNode.class),
                    res.getHeaders().getETag()));
        }

        private boolean await(BooleanSupplier condition) {
            long deadline = System.nanoTime() + PROJECTION_WAIT.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }

        void check(String name, boolean passed, String detail) {
            checks.add(new DemoReport.Check(name, passed, detail));
            out.println((passed ? "[ok]     " : "[FAILED] ") + name + ": " + detail);
        }
    }

    private static String customer(int index) {
        return String.format("c-%02d", index + 1);
    }
}
