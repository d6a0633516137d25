/**
 * Sage 300 on SQL Server: one connection pool per (company, database), opened on that database, so
 * a statement can never run in the wrong one; every statement parameterized, under a query timeout,
 * cancellable by its step, and every write checked for its row count. Tests run the same SQL on H2
 * in SQL Server mode.
 */
@NamedInterface("sage")
@NullMarked
package dev.gatehouse.erpsync.sage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
