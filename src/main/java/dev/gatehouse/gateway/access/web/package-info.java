/**
 * The HTTP edge of gateway access: the {@code /v1/gateway} administration of accounts, actors,
 * credential sets and tokens, and the client's token exchange {@code POST /gateway/v1/token}.
 */
@NullMarked
package dev.gatehouse.gateway.access.web;

import org.jspecify.annotations.NullMarked;
