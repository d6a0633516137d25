package dev.gatehouse.domains;

import dev.gatehouse.kernel.keys.Scope;

import java.util.List;

/** The scopes of Connect Domain, declared to the kernel by {@link DomainsModule}. */
public final class DomainScopes {

    public static final Scope APPS_READ = new Scope("apps:read");
    public static final Scope APPS_ADMIN = new Scope("apps:admin");
    public static final Scope CONNECTIONS_READ = new Scope("connections:read");
    public static final Scope CONNECTIONS_WRITE = new Scope("connections:write");

    static final List<Scope> ALL =
            List.of(APPS_READ, APPS_ADMIN, CONNECTIONS_READ, CONNECTIONS_WRITE);

    private DomainScopes() {}
}
