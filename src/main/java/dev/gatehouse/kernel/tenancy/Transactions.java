package dev.gatehouse.kernel.tenancy;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs work in a database transaction bound to one tenant or to the system scope.
 *
 * <p>Design: the binding is what row-level security reads. {@code inTenant} sets {@code
 * gatehouse.tenant_id} with {@code set_config(..., true)} (the function form of {@code SET LOCAL}),
 * so it ends with the transaction and cannot leak to the next borrower of the pooled connection.
 * {@code inSystem} sets {@code gatehouse.system}. A transaction is bound once; nested calls with
 * the same binding join it, as do tenant calls nested in the system scope (which already sees every
 * tenant); any other change of binding is a bug and throws. A query run outside these methods has
 * no binding and row-level security shows it no rows.
 *
 * <p>Thread-safe.
 */
@Component
public final class Transactions {

    private static final String BINDING_KEY = Transactions.class.getName() + ".binding";

    private final TransactionTemplate template;
    private final JdbcClient jdbc;

    public Transactions(TransactionTemplate template, JdbcClient jdbc) {
        this.template = template;
        this.jdbc = jdbc;
    }

    /** Runs {@code work} in a transaction that sees only {@code tenant}'s rows. */
    public <T extends @Nullable Object> T inTenant(TenantId tenant, Supplier<T> work) {
        Objects.requireNonNull(tenant, "tenant");
        return run(new Binding.Tenant(tenant), work);
    }

    /** Runs {@code work} in a transaction that may see every tenant's rows. */
    public <T extends @Nullable Object> T inSystem(SystemScope scope, Supplier<T> work) {
        Objects.requireNonNull(scope, "scope");
        return run(Binding.System.INSTANCE, work);
    }

    /**
     * The binding of the current transaction, if any; for repositories that assert they run bound.
     */
    public static boolean isBound() {
        return TransactionSynchronizationManager.getResource(BINDING_KEY) != null;
    }

    @SuppressWarnings("unchecked")
    private <T extends @Nullable Object> T run(Binding binding, Supplier<T> work) {
        Object current = TransactionSynchronizationManager.getResource(BINDING_KEY);
        if (current != null) {
            // The system scope may do work for any tenant; a tenant may never widen to another or
            // to the system.
            if (!current.equals(binding) && !(current instanceof Binding.System)) {
                throw new IllegalStateException(
                        "transaction already bound to "
                                + current
                                + ", cannot switch to "
                                + binding);
            }
            return work.get();
        }
        return (T)
                template.execute(
                        status -> {
                            bind(binding);
                            TransactionSynchronizationManager.bindResource(BINDING_KEY, binding);
                            try {
                                return work.get();
                            } finally {
                                TransactionSynchronizationManager.unbindResource(BINDING_KEY);
                            }
                        });
    }

    private void bind(Binding binding) {
        switch (binding) {
            case Binding.Tenant(TenantId id) ->
                    jdbc.sql("select set_config('gatehouse.tenant_id', ?, true)")
                            .param(Long.toString(id.value()))
                            .query()
                            .singleValue();
            case Binding.System s ->
                    jdbc.sql("select set_config('gatehouse.system', 'on', true)")
                            .query()
                            .singleValue();
        }
    }

    private sealed interface Binding {
        record Tenant(TenantId id) implements Binding {}

        enum System implements Binding {
            INSTANCE
        }
    }
}
