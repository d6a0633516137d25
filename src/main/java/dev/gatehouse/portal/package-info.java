/**
 * The web console people sign in to: a server-rendered shell that products add pages to. Depends on
 * the kernel's and products' APIs; nothing depends on it.
 */
@NullMarked
package dev.gatehouse.portal;

import org.jspecify.annotations.NullMarked;
