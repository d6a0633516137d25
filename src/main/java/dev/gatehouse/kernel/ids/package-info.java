/** Public identifiers with a type prefix and 128 random bits. */
@NullMarked
package dev.gatehouse.kernel.ids;

import org.jspecify.annotations.NullMarked;
