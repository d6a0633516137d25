/**
 * SageConnect without Sage: the built-in fake Focaltec portal and, in development only, the demo
 * company that runs against it and an embedded H2 database in SQL Server mode.
 */
@NamedInterface("demo")
@NullMarked
package dev.gatehouse.erpsync.demo;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
