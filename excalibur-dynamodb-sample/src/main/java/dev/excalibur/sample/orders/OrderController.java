package dev.excalibur.sample.orders;

import dev.excalibur.sample.accounts.CustomerAccounts;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order service's HTTP interface. ETags travel in the {@code ETag} and {@code If-Match}
 * headers; failures are RFC 9457 problem details; the acting user is the {@code X-User} header.
 */
@RestController
@RequestMapping("/customers/{customerId}")
public class OrderController {

    private final OrderService orders;
    private final CustomerAccounts accounts;

    public OrderController(OrderService orders, CustomerAccounts accounts) {
        this.orders = orders;
        this.accounts = accounts;
    }

    /** The body of a new order. */
    public record PlaceOrder(List<OrderService.LineRequest> lines) {}

    @PostMapping("/orders")
    public ResponseEntity<?> place(@PathVariable String customerId, @RequestBody PlaceOrder request) {
        Result<OrderService.Details> placed = orders.place(customerId, request.lines());
        return respond(
                placed,
                placed.succeeded()
                        ? URI.create("/customers/" + customerId + "/orders/"
                                + placed.body().order().number())
                        : null);
    }

    @GetMapping("/orders")
    public OrderService.Page list(
            @PathVariable String customerId,
            @RequestParam(defaultValue = "20") int pageSize,
            @RequestParam(required = false) String continuationToken) {
        return orders.list(customerId, pageSize, continuationToken);
    }

    @GetMapping("/orders/{number}")
    public ResponseEntity<?> details(@PathVariable String customerId, @PathVariable String number) {
        return respond(orders.details(customerId, number), null);
    }

    @PostMapping("/orders/{number}/ship")
    public ResponseEntity<?> ship(
            @PathVariable String customerId,
            @PathVariable String number,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return respond(orders.ship(customerId, number, unquote(ifMatch)), null);
    }

    @PostMapping("/orders/{number}/cancel")
    public ResponseEntity<?> cancel(
            @PathVariable String customerId,
            @PathVariable String number,
            @RequestHeader(name = "X-User", required = false) String user) {
        return respond(orders.cancel(customerId, number, user), null);
    }

    @GetMapping("/account")
    public CustomerAccounts.Loaded account(@PathVariable String customerId) {
        return accounts.load(customerId);
    }

    @PutMapping("/cancellers/{userId}")
    public ResponseEntity<Void> grantCancel(
            @PathVariable String customerId,
            @PathVariable String userId,
            @RequestHeader(name = "X-User", defaultValue = "admin") String grantedBy) {
        orders.grantCancel(userId, customerId, grantedBy);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/cancellers/{userId}")
    public ResponseEntity<Void> revokeCancel(
            @PathVariable String customerId,
            @PathVariable String userId,
            @RequestHeader(name = "X-User", defaultValue = "admin") String revokedBy) {
        return orders.revokeCancel(userId, customerId, revokedBy)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.notFound().build();
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    private static ResponseEntity<?> respond(Result<?> result, URI location) {
        if (!result.succeeded()) {
            return ResponseEntity.status(result.status())
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(result.status()), result.problem()));
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(result.status());
        if (location != null) {
            response.location(location);
        }
        if (result.etag() != null) {
            response.eTag(result.etag());
        }
        return response.body(result.body());
    }

    private static String unquote(String etag) {
        if (etag == null) {
            return null;
        }
        String value = etag.startsWith("W/") ? etag.substring(2) : etag;
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
