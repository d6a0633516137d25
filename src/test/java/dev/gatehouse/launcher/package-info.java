/**
 * Tests of {@code bin/gatehouse} and {@code bin/gatehouse.cmd}, the launchers of the packaged jar.
 */
@NullMarked
package dev.gatehouse.launcher;

import org.jspecify.annotations.NullMarked;
