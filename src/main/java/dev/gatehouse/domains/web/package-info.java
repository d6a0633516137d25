/**
 * The management API of Connect Domain: applications, connections, usage (API-key authenticated).
 */
@NullMarked
package dev.gatehouse.domains.web;

import org.jspecify.annotations.NullMarked;
