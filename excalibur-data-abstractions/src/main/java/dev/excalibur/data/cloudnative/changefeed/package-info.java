/** Change feeds: subscriptions to the changes of a table, their options and events. */
package dev.excalibur.data.cloudnative.changefeed;
