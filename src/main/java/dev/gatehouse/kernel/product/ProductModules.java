package dev.gatehouse.kernel.product;

import dev.gatehouse.kernel.cli.CommandUsage;
import dev.gatehouse.kernel.config.SettingsSection;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.keys.ScopeCatalog;
import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.redaction.SecretShape;
import dev.gatehouse.kernel.vault.VaultPurpose;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The installed products' declarations, checked against each other and the kernel's: unique names,
 * log files and packages, vault purpose names and labels, scopes and settings types. A clash is a
 * bug in a product, so it throws at start with the reason. Immutable and thread-safe.
 */
public final class ProductModules {

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9]{1,19}$");
    private static volatile @Nullable ProductModules installed;

    private final List<ProductModule> modules;
    private final ScopeCatalog scopes;

    private ProductModules(List<ProductModule> modules) {
        this.modules = modules.stream().sorted(Comparator.comparing(ProductModule::name)).toList();
        this.scopes =
                ScopeCatalog.of(
                        this.modules.stream().flatMap(m -> m.scopes().stream()).toList(),
                        Set.copyOf(
                                this.modules.stream()
                                        .flatMap(m -> m.operatorScopes().stream())
                                        .toList()));
        check();
    }

    /**
     * The products on the class path ({@code META-INF/services}), loaded once per class loader.
     *
     * @throws IllegalStateException when two declarations clash
     */
    public static ProductModules installed() {
        ProductModules found = installed;
        if (found == null) {
            synchronized (ProductModules.class) {
                found = installed;
                if (found == null) {
                    List<ProductModule> list = new ArrayList<>();
                    ServiceLoader.load(ProductModule.class, ProductModule.class.getClassLoader())
                            .forEach(list::add);
                    found = of(list);
                    installed = found;
                }
            }
        }
        return found;
    }

    /**
     * Exactly these products (tests, and an installation assembled by hand).
     *
     * @throws IllegalStateException when two declarations clash
     */
    public static ProductModules of(List<? extends ProductModule> modules) {
        try {
            return new ProductModules(List.copyOf(modules));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("product modules clash: " + e.getMessage(), e);
        }
    }

    /** Every installed product, by name. */
    public List<ProductModule> all() {
        return modules;
    }

    /** Every scope the kernel and the products declare. */
    public ScopeCatalog scopes() {
        return scopes;
    }

    /** The products' log components (the kernel adds its own). */
    public List<LogComponent> logComponents() {
        return modules.stream().flatMap(m -> m.logComponents().stream()).toList();
    }

    /** The shapes of the products' secrets, masked by the kernel's redaction. */
    public List<SecretShape> secretShapes() {
        return modules.stream().flatMap(m -> m.secretShapes().stream()).toList();
    }

    /** The products' maintenance commands, by product. */
    public List<CommandUsage> commands() {
        return modules.stream().flatMap(m -> m.commands().stream()).toList();
    }

    /** Every vault purpose: the kernel's, then the products'. */
    public List<VaultPurpose> vaultPurposes() {
        List<VaultPurpose> all = new ArrayList<>(VaultPurpose.KERNEL);
        modules.forEach(m -> all.addAll(m.vaultPurposes()));
        return List.copyOf(all);
    }

    private void check() {
        unique(
                "product name",
                modules.stream().map(ProductModule::name).toList(),
                n -> {
                    if (!NAME.matcher(n).matches()) {
                        throw new IllegalArgumentException(
                                "product name " + n + " must match " + NAME.pattern());
                    }
                });
        List<LogComponent> logs = new ArrayList<>(List.of(LogComponent.KERNEL, LogComponent.APP));
        logs.addAll(logComponents());
        unique("log file", logs.stream().map(LogComponent::fileStem).toList(), s -> {});
        unique("log package", logs.stream().map(LogComponent::packagePrefix).toList());
        String kernel = LogComponent.KERNEL.packagePrefix();
        for (LogComponent c : logComponents()) {
            if (c.packagePrefix().isEmpty()
                    || c.packagePrefix().equals(kernel)
                    || c.packagePrefix().startsWith(kernel + ".")) {
                throw new IllegalArgumentException(
                        "log component " + c.fileStem() + " must name a package of its product");
            }
        }
        unique("vault purpose name", vaultPurposes().stream().map(VaultPurpose::name).toList());
        unique("vault purpose label", vaultPurposes().stream().map(VaultPurpose::label).toList());
        unique(
                "settings section",
                modules.stream()
                        .flatMap(m -> m.settings().stream())
                        .map(SettingsSection::type)
                        .map(Class::getName)
                        .toList());
        List<CommandUsage> commands = commands();
        unique(
                "command",
                commands.stream().map(CommandUsage::verb).toList(),
                v -> {
                    if (CommandUsage.KERNEL_GROUPS.contains(v.substring(0, v.indexOf(' ')))) {
                        throw new IllegalArgumentException(
                                "command " + v + " takes a group of the kernel's");
                    }
                });
        for (ProductModule m : modules) {
            for (Scope s : m.operatorScopes()) {
                if (!m.scopes().contains(s)) {
                    throw new IllegalArgumentException(
                            m.name() + " names operator scope " + s + " it does not declare");
                }
            }
        }
    }

    private static void unique(String what, List<String> values) {
        unique(what, values, v -> {});
    }

    private static void unique(
            String what, List<String> values, java.util.function.Consumer<String> check) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            check.accept(v);
            if (!seen.add(v)) {
                throw new IllegalArgumentException(what + " " + v + " is declared twice");
            }
        }
    }

    @Override
    public String toString() {
        return "ProductModules" + modules.stream().map(ProductModule::name).toList();
    }
}
