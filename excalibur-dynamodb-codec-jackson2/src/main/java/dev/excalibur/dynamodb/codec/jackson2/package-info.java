/** The document codec on Jackson 2 ({@code com.fasterxml.jackson}). */
@NullMarked
package dev.excalibur.dynamodb.codec.jackson2;

import org.jspecify.annotations.NullMarked;
