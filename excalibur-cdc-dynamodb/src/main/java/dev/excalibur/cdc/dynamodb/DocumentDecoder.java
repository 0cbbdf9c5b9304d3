package dev.excalibur.cdc.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns an item image of a change into a document, for {@link CdcChange#newDocument(Class)} and
 * {@link CdcChange#oldDocument(Class)}. With {@code excalibur-data-dynamodb}, pass the provider's
 * mapper, so changes read as the provider reads documents:
 * {@code documentDecoder(provider.documentCodec()::fromItem)}. The method is generic, so give a
 * method reference or a class, not a lambda.
 */
@FunctionalInterface
public interface DocumentDecoder {

    /**
     * The document of type {@code type} that {@code item} holds; it may throw if the item does not
     * fit the type (the handler call then fails like any other handler failure).
     */
    <T> T decode(Map<String, AttributeValue> item, Class<T> type);
}
