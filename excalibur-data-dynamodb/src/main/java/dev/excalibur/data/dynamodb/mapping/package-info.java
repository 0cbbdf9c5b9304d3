/** Mapping between Java documents (through Jackson) and DynamoDB items. */
package dev.excalibur.data.dynamodb.mapping;
