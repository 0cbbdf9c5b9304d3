package dev.excalibur.dynamodb.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.core.annotation.AliasFor;

/**
 * Matches when Boot 4's health support ({@code spring-boot-health}, which
 * {@code spring-boot-starter-actuator} brings) is on the class path and the indicator is enabled:
 * {@code management.health.<value>.enabled}, else {@code management.health.defaults.enabled}, else on.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
// by name: a meta-annotation's class that is missing would make Spring ignore the condition
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnEnabledHealthIndicator("")
@interface ConditionalOnEnabledHealth {

    /** The indicator's name in the {@code management.health.<name>.enabled} property. */
    @AliasFor(annotation = ConditionalOnEnabledHealthIndicator.class, attribute = "value")
    String value();
}
