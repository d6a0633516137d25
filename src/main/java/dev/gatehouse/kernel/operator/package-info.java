/** The operator's work: creating and administering tenants across the platform. */
@NullMarked
package dev.gatehouse.kernel.operator;

import org.jspecify.annotations.NullMarked;
