/** Tests of the build's own small programs under {@code tools/}. */
@NullMarked
package dev.gatehouse.tools;

import org.jspecify.annotations.NullMarked;
