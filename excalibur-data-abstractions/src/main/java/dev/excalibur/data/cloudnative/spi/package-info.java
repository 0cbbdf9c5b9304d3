/**
 * Service-provider interfaces between the providers and the test kits; not for applications.
 */
@NullMarked
package dev.excalibur.data.cloudnative.spi;

import org.jspecify.annotations.NullMarked;
