/** Transactional batch operation and result types shared by providers. */
package dev.excalibur.data.cloudnative.batch;
