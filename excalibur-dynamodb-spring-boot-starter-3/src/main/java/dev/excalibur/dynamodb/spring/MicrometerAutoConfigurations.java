package dev.excalibur.dynamodb.spring;

/**
 * Spring Boot 3's auto-configurations of the context's {@code MeterRegistry} and
 * {@code ObservationRegistry} (in {@code spring-boot-actuator-autoconfigure}), which the provider's and
 * the CDC runner's auto-configurations run after. By name: Actuator need not be on the class path.
 */
final class MicrometerAutoConfigurations {

    static final String METRICS = "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration";
    static final String COMPOSITE_METER_REGISTRY =
            "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration";
    static final String SIMPLE_METRICS_EXPORT =
            "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration";
    static final String OBSERVATION =
            "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration";

    private MicrometerAutoConfigurations() {}
}
