package dev.gatehouse.portal;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.domains.Connection;
import dev.gatehouse.domains.Connections;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

/**
 * The checks every Domains page makes first, the same as the API's: the signed-in person's role
 * must hold the scope the API route needs ({@code apps:read}, {@code apps:admin}, {@code
 * connections:read}, {@code connections:write}), else 403; and every id in the URL is looked up
 * under the person's own tenant, so a missing, deleted or another tenant's application or
 * connection is the same 404.
 */
@Component
final class DomainAccess {

    private final Applications applications;
    private final Connections connections;

    DomainAccess(Applications applications, Connections connections) {
        this.applications = applications;
        this.connections = connections;
    }

    /** The signed-in person, who must hold {@code scope}. */
    static PortalUser require(HttpServletRequest request, Scope scope) {
        PortalUser user = PortalContext.of(request).signedIn();
        if (!user.can(scope)) {
            throw ApiProblem.forbidden("Your role does not allow this.");
        }
        return user;
    }

    /** The person as the audit log names them. */
    static Actor actor(PortalUser user) {
        return Actor.user(user.publicId(), user.email());
    }

    /** The person's tenant's application {@code publicId}, or 404. */
    Application application(PortalUser user, String publicId) {
        return (PublicIds.looksLike("app", publicId)
                        ? applications.find(user.tenant(), publicId)
                        : java.util.Optional.<Application>empty())
                .orElseThrow(() -> ApiProblem.notFound("No such application."));
    }

    /** The application's connection {@code publicId}, or 404. */
    Connection connection(PortalUser user, Application app, String publicId) {
        return (PublicIds.looksLike("conn", publicId)
                        ? connections.find(user.tenant(), app.id(), publicId)
                        : java.util.Optional.<Connection>empty())
                .orElseThrow(() -> ApiProblem.notFound("No such connection."));
    }
}
