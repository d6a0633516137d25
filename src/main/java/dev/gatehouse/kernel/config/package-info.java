/**
 * Configuration from defaults, .env and the environment, validated all at once before the service
 * starts.
 */
@NullMarked
@NamedInterface("config")
package dev.gatehouse.kernel.config;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
