/**
 * The endpoint catalog of ERP Access: the methods and path templates that may be relayed at all,
 * made by hand or imported from the ERP's OpenAPI 3 document, and read by the relay per request
 * through a node-local cache kept coherent across the cluster. Its public types are what the portal
 * and the relay may use.
 */
@NullMarked
@NamedInterface("catalog")
package dev.gatehouse.gateway.catalog;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
