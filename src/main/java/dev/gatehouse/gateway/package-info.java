/**
 * ERP Access: a policy gateway in front of a tenant's ERP HTTP API. Credentials issued in the
 * portal are exchanged for short-lived tokens; every relay passes the kill switch, the credential
 * checks, path canonicalization, the endpoint catalog, deny-by-default policies, the business-hours
 * schedule and the rate limit, in that order, and is audited with its decision. Depends on the
 * kernel only.
 */
@NullMarked
package dev.gatehouse.gateway;

import org.jspecify.annotations.NullMarked;
