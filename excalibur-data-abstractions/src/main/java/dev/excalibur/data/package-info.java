/**
 * What every Excalibur module shares: the one exception for refused settings
 * ({@link dev.excalibur.data.InvalidOptionsException}) and the marker of cross-module internals
 * ({@link dev.excalibur.data.InternalApi}).
 */
@NullMarked
package dev.excalibur.data;

import org.jspecify.annotations.NullMarked;
