/**
 * Service-provider interfaces between the providers and the test kits; not for applications.
 */
package dev.excalibur.data.cloudnative.spi;
