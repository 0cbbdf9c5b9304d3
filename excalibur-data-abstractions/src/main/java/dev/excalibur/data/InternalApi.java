package dev.excalibur.data;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type or member that is public only so that Excalibur's own modules can share it. It is
 * not part of the API: it may change or go in any release, without notice. Types in packages
 * named {@code internal} are internal whether or not they carry this annotation; the build's API
 * check leaves out both.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface InternalApi {}
