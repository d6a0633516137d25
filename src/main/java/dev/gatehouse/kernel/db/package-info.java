/**
 * The PostgreSQL the node runs on: embedded or external, the owner connection, the restricted app
 * role, migrations.
 */
@NullMarked
@NamedInterface("db")
package dev.gatehouse.kernel.db;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
