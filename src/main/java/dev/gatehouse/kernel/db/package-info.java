/** The PostgreSQL the node runs on: embedded or external, the owner connection, the restricted app role, migrations. */
@NullMarked
package dev.gatehouse.kernel.db;

import org.jspecify.annotations.NullMarked;
