/** HTTP hygiene of the public listener: problem+json, correlation ids, headers, CORS, limits, rate limits, client IP. */
@NullMarked
package dev.gatehouse.kernel.web;

import org.jspecify.annotations.NullMarked;
