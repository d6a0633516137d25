package dev.gatehouse.erpsync;

import dev.gatehouse.kernel.keys.Scope;

import java.util.List;

/** The scopes of SageConnect, declared to the kernel by {@link SyncModule}. */
public final class SyncScopes {

    /** Reads companies (never their secrets), runs, the ledger and the license state. */
    public static final Scope READ = new Scope("sync:read");

    /** Changes companies, starts runs, releases locks and sends items by hand. Implies READ. */
    public static final Scope ADMIN = new Scope("sync:admin");

    static final List<Scope> ALL = List.of(READ, ADMIN);

    private SyncScopes() {}
}
