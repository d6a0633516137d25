/**
 * What every step of a company's cycle works with: the company, its opened secrets, its three
 * databases, its portal, the step's cancellation and the instant the step started.
 */
@NamedInterface("flow")
@NullMarked
package dev.gatehouse.erpsync.flow;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
