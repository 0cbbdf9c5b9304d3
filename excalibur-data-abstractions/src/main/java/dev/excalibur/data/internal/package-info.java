/** Internal: helpers every Excalibur module shares. Not an API: it changes without notice. */
package dev.excalibur.data.internal;
