/** Configuration from defaults, .env and the environment, validated all at once before the service starts. */
@NullMarked
package dev.gatehouse.kernel.config;

import org.jspecify.annotations.NullMarked;
