/** Event-sourcing snapshots: the latest state of an aggregate at a version, and the store that keeps it. */
package dev.excalibur.data.snapshots;
