/** Query result types shared by providers. */
package dev.excalibur.data.cloudnative.query;
