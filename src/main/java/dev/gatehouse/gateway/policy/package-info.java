/**
 * The pure decision core of ERP Access: canonical request paths, catalog templates and policy rule
 * patterns, the business-hours schedule, and the relay decision (checks 1–8 of the contract) as
 * values. No Spring, JDBC, servlet or I/O here (an architecture test holds it so); time and the
 * rate limit are passed in.
 */
@NamedInterface("policy")
@NullMarked
package dev.gatehouse.gateway.policy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
