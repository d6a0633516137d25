package dev.gatehouse.domains.widget;

import dev.gatehouse.domains.Application;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.tenancy.TenantId;

/**
 * An admitted widget request: a valid token, the application it names (active, of an active
 * tenant), that application's tenant, and the allowed origin the request came from.
 */
public record WidgetSession(
        WidgetToken token, TenantId tenant, Application application, String origin) {

    /** The request attribute holding the session of an admitted request. */
    public static final String ATTRIBUTE = WidgetSession.class.getName();

    /** How the audit trail names the end user acting through this token. */
    public Actor actor() {
        return Actor.credential(token.id(), "widget token");
    }
}
