/**
 * What the Jackson codecs share, independent of the Jackson version: building attribute values from write
 * events, walking an item as read tokens, the failure rules and the discovery of the default codec. Not a
 * public API.
 */
@NullMarked
package dev.excalibur.dynamodb.codec.internal;

import org.jspecify.annotations.NullMarked;
