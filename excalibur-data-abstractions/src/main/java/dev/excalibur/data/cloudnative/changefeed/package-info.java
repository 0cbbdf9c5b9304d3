/** Change feeds: subscriptions to the changes of a table, their options and events. */
@NullMarked
package dev.excalibur.data.cloudnative.changefeed;

import org.jspecify.annotations.NullMarked;
