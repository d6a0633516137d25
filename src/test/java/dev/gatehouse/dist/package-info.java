/**
 * Tests of the service definitions under {@code dist/}: the systemd unit, run by a real systemd,
 * and the WinSW service XML, checked against its schema.
 */
@NullMarked
package dev.gatehouse.dist;

import org.jspecify.annotations.NullMarked;
