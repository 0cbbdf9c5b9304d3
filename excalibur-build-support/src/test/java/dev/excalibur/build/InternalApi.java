package dev.excalibur.build;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Stands in for the library's own {@code InternalApi}: the check matches the annotation by its simple name. */
@Retention(RetentionPolicy.RUNTIME)
public @interface InternalApi {}
