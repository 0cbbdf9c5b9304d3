/**
 * The document codec: maps Java documents to DynamoDB items and back. Implementations come from the
 * Jackson 3 and Jackson 2 codec modules; {@link dev.excalibur.dynamodb.codec.DocumentCodec#discover()} picks the
 * one on the class path.
 */
@NullMarked
package dev.excalibur.dynamodb.codec;

import org.jspecify.annotations.NullMarked;
