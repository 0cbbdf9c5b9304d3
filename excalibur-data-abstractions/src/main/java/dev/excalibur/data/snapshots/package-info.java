/** Event-sourcing snapshots: the latest state of an aggregate at a version, and the store that keeps it. */
@NullMarked
package dev.excalibur.data.snapshots;

import org.jspecify.annotations.NullMarked;
