/** The document codec on Jackson 3 ({@code tools.jackson}). */
@NullMarked
package dev.excalibur.dynamodb.codec.jackson3;

import org.jspecify.annotations.NullMarked;
