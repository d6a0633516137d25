/**
 * The seam products plug into: a {@link dev.gatehouse.kernel.product.ProductModule} per product,
 * found with {@link java.util.ServiceLoader} before Spring starts, declares the product's switch,
 * settings, vault purposes, log components and scopes, so the kernel names no product.
 */
@NullMarked
@NamedInterface("product")
package dev.gatehouse.kernel.product;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
