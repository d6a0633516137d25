/**
 * Portal sessions in PostgreSQL: cookie tokens, idle and absolute expiry, CSRF tokens, sign-out
 * everywhere.
 */
@NullMarked
package dev.gatehouse.portal.session;

import org.jspecify.annotations.NullMarked;
