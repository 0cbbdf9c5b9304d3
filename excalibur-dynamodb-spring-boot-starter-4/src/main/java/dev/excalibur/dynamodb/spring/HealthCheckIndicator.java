package dev.excalibur.dynamodb.spring;

import java.util.function.BiConsumer;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * A Boot 4 health indicator whose check, written once for both Boot lines, reports its details and
 * returns Boot's status code; a check that throws is DOWN with the failure as its {@code error} detail.
 */
abstract class HealthCheckIndicator extends AbstractHealthIndicator {

    HealthCheckIndicator(String failureMessage) {
        super(failureMessage);
    }

    @Override
    protected final void doHealthCheck(Health.Builder builder) throws Exception {
        builder.status(check(builder::withDetail));
    }

    /** Reports the details and returns the status code: {@code UP}, {@code DOWN} or {@code OUT_OF_SERVICE}. */
    abstract String check(BiConsumer<String, Object> details) throws Exception;
}
