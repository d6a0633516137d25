/**
 * HTTP hygiene of the public listener: problem+json, correlation ids, headers, CORS, limits, rate
 * limits, client IP.
 */
@NullMarked
@NamedInterface("web")
package dev.gatehouse.kernel.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
