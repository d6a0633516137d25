package dev.gatehouse.gateway;

import dev.gatehouse.kernel.keys.Scope;

import java.util.List;

/** The scopes of ERP Access, declared to the kernel by {@link GatewayModule}. */
public final class GatewayScopes {

    /** Reads the gateway's configuration, credentials (never their secrets) and tokens. */
    public static final Scope READ = new Scope("gateway:read");

    /**
     * Changes all of it, and is the only scope that may issue {@code admin_unrestricted} credential
     * sets. Implies {@link #READ}.
     */
    public static final Scope ADMIN = new Scope("gateway:admin");

    static final List<Scope> ALL = List.of(READ, ADMIN);

    private GatewayScopes() {}
}
