/** Transactional batch operation and result types shared by providers. */
@NullMarked
package dev.excalibur.data.cloudnative.batch;

import org.jspecify.annotations.NullMarked;
