/**
 * The HTTP surface of the audit log: filtered, cursor-paginated queries, NDJSON export and chain
 * verification.
 */
@NullMarked
package dev.gatehouse.kernel.audit.web;

import org.jspecify.annotations.NullMarked;
