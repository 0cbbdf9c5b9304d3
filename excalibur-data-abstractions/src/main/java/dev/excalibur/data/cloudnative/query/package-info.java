/** Query result types shared by providers. */
@NullMarked
package dev.excalibur.data.cloudnative.query;

import org.jspecify.annotations.NullMarked;
