/** Change feed event types shared by providers. */
package dev.excalibur.data.cloudnative.changefeed;
