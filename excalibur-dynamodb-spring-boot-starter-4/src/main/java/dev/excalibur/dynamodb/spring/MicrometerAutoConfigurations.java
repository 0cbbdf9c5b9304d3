package dev.excalibur.dynamodb.spring;

/**
 * Spring Boot 4's auto-configurations of the context's {@code MeterRegistry} and
 * {@code ObservationRegistry} (modules {@code spring-boot-micrometer-metrics} and
 * {@code -observation}), which the provider's and the CDC runner's auto-configurations run after.
 * By name: neither module needs to be on the class path.
 */
final class MicrometerAutoConfigurations {

    static final String METRICS = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration";
    static final String COMPOSITE_METER_REGISTRY =
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration";
    static final String SIMPLE_METRICS_EXPORT =
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration";
    static final String OBSERVATION =
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration";

    private MicrometerAutoConfigurations() {}
}
