/** Public identifiers with a type prefix and 128 random bits. */
@NullMarked
@NamedInterface("ids")
package dev.gatehouse.kernel.ids;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
