/** Mapping between Java documents (through Jackson) and DynamoDB items. */
@NullMarked
package dev.excalibur.data.dynamodb.mapping;

import org.jspecify.annotations.NullMarked;
