/**
 * A company's cycle: its runs and steps, the lease lock that lets one run at a time hold a company,
 * each step under {@code STEP_TIMEOUT_MS} and really cancelled when it overruns, the license gate,
 * the persistent per-company schedule (db-scheduler), and the run API.
 */
@NullMarked
package dev.gatehouse.erpsync.cycle;

import org.jspecify.annotations.NullMarked;
