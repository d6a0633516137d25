package dev.gatehouse.kernel.product;

import dev.gatehouse.kernel.cli.CommandUsage;
import dev.gatehouse.kernel.config.SettingsSection;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.redaction.SecretShape;
import dev.gatehouse.kernel.vault.VaultPurpose;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a product declares to the kernel. One implementation per product, listed in {@code
 * META-INF/services/dev.gatehouse.kernel.product.ProductModule} and found with {@link
 * java.util.ServiceLoader}: settings and logging start before Spring does, so the declaration must
 * be plain Java. It must be cheap to construct, hold constants only, and log nothing (it is loaded
 * while logging is being configured).
 *
 * <p>Everything that needs the database or Spring (per-tenant limits, sealed columns for rotation,
 * routes) is contributed as beans by the product's own configuration instead; see {@code
 * docs/adr/0012-product-seams.md}.
 */
public interface ProductModule {

    /**
     * The product's name: 2 to 20 lower-case letters and digits, unique. A switchable product is
     * switched by {@code GATEHOUSE_<NAME>_ENABLED} and its beans may test the Spring property
     * {@code gatehouse.products.<name>}.
     */
    String name();

    /** Whether the operator can switch the product off; true unless the module says otherwise. */
    default boolean switchable() {
        return true;
    }

    /** The product's typed settings, read and validated with the kernel's. */
    default List<SettingsSection<?>> settings() {
        return List.of();
    }

    /** The purposes the product seals values for; names and labels are fixed forever. */
    default List<VaultPurpose> vaultPurposes() {
        return List.of();
    }

    /** The log files the product's packages write to. */
    default List<LogComponent> logComponents() {
        return List.of();
    }

    /** The scopes API keys may hold for the product ({@code resource:verb}). */
    default List<Scope> scopes() {
        return List.of();
    }

    /**
     * Path prefixes of the product's pages made to be embedded in other sites' frames (such as
     * {@code /embed/}); the kernel lets them be framed, and they send their own {@code
     * frame-ancestors}.
     */
    default List<String> framedPaths() {
        return List.of();
    }

    /**
     * Path prefixes under which the product streams request bodies and caps them itself, with
     * limits of its own that may exceed {@code MAX_BODY_BYTES} (a relay, say). The kernel's body
     * limit does not apply there; everywhere else it does.
     */
    default List<String> selfLimitedBodyPaths() {
        return List.of();
    }

    /**
     * Path prefixes whose request bodies may exceed {@code MAX_BODY_BYTES}, each with the limit the
     * kernel enforces there instead (an upload of a document, say). Keep them few and exact.
     */
    default Map<String, Long> largerBodyLimits() {
        return Map.of();
    }

    /**
     * The shapes of the product's own secrets (a token with its prefix, say), which the kernel
     * masks in every log line and audit detail as it masks API keys. Each must match the whole
     * secret and nothing ordinary, and name the literal every match contains.
     */
    default List<SecretShape> secretShapes() {
        return List.of();
    }

    /**
     * The product's scopes a portal operator holds besides every read scope (operators read
     * everything, and run the day-to-day work their products name here).
     */
    default Set<Scope> operatorScopes() {
        return Set.of();
    }

    /**
     * The maintenance commands the product adds to {@code gatehouse}; each is run by the product's
     * {@link dev.gatehouse.kernel.cli.ProductCommand} bean of the same verb. Their groups must not
     * be the kernel's ({@code tenant}, {@code user}, {@code operator-key}, {@code vault}, {@code
     * audit}).
     */
    default List<CommandUsage> commands() {
        return List.of();
    }
}
