/**
 * The OpenAPI document's vocabulary for every product's routes: the problem answers a route can
 * give ({@link dev.gatehouse.kernel.openapi.ProblemResponse}) and how records become schemas.
 */
@NamedInterface("openapi")
@NullMarked
package dev.gatehouse.kernel.openapi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
