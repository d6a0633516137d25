/** The operator's work: creating and administering tenants across the platform. */
@NullMarked
@NamedInterface("operator")
package dev.gatehouse.kernel.operator;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
