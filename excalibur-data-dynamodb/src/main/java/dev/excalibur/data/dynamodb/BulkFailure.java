package dev.excalibur.data.dynamodb;

/**
 * A bulk write or read that did not succeed after every retry.
 *
 * @param index        its position in the list given
 * @param partitionKey its partition key value
 * @param documentId   its document id
 * @param reason       why it failed
 */
public record BulkFailure(int index, String partitionKey, String documentId, String reason) {}
