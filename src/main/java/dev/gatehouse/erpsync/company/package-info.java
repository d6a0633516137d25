/**
 * The sync's tenants: a Gatehouse tenant's Sage 300 companies ({@code co_…}), each with its portal
 * account, SQL Server login, databases, schedule and importer. Secrets are sealed under {@code
 * APP_KEY} and never leave this package in a view.
 */
@NamedInterface("company")
@NullMarked
package dev.gatehouse.erpsync.company;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
