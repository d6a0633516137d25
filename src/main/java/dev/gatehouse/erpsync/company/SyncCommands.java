package dev.gatehouse.erpsync.company;

import dev.gatehouse.erpsync.SyncSettings;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.cli.CommandUsage;
import dev.gatehouse.kernel.cli.ProductCommand;
import dev.gatehouse.kernel.cli.Terminal;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Tenant;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gatehouse sync import-env <file> --tenant ten_…}: creates a tenant's companies from an
 * existing SageConnect {@code .env} and reports each variable it used, could not map (with the
 * Gatehouse setting to use instead) or ignored. Each company is created as {@code POST
 * /v1/sync/companies} would, with the same checks and audit; secrets are sealed and never printed.
 * Exit 0 when every company was created, 1 otherwise, 2 on a usage error.
 */
@Configuration(proxyBeanMethods = false)
public class SyncCommands {

    /** How the command appears in {@code gatehouse --help}; declared by the product module. */
    public static final List<CommandUsage> USAGE =
            List.of(
                    new CommandUsage(
                            "sync import-env",
                            "FILE --tenant ten_…   create companies from a SageConnect .env"));

    private static final SystemScope CLI_SCOPE =
            new SystemScope("sync: the command line names a tenant by its public id");
    private static final Actor CLI = Actor.system("cli");

    @Bean
    @ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
    ProductCommand syncImportEnv(
            CompanyAdministration companies, Tenants tenants, Settings settings) {
        SyncSettings sync = settings.section(SyncSettings.class);
        return ProductCommand.of(
                "sync import-env", (flags, t) -> importEnv(companies, tenants, sync, flags, t));
    }

    static int importEnv(
            CompanyAdministration companies,
            Tenants tenants,
            SyncSettings settings,
            Map<String, String> flags,
            Terminal t) {
        String file = flags.getOrDefault("_", flags.get("file"));
        String tenantId = flags.get("tenant");
        if (file == null || file.isBlank() || tenantId == null || tenantId.isBlank()) {
            t.complain("sync import-env needs the .env file and --tenant ten_…");
            return 2;
        }
        Optional<Tenant> tenant = tenants.findByPublicId(CLI_SCOPE, tenantId);
        if (tenant.isEmpty()) {
            t.complain("no tenant " + tenantId);
            return 2;
        }
        String text;
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            byte[] bytes = in.readNBytes(EnvImport.MAX_BYTES + 1);
            if (bytes.length > EnvImport.MAX_BYTES) {
                t.complain(file + " is larger than 1 MiB");
                return 2;
            }
            text = new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            t.complain("cannot read " + file + ": " + e.getClass().getSimpleName());
            return 2;
        }
        EnvImport.Read read =
                EnvImport.read(
                        text,
                        program ->
                                settings.importerPrograms().contains(Path.of(program).normalize()));
        read.report().forEach(t::say);
        if (read.companies().isEmpty()) {
            t.complain("no company: TENANT_ID is empty");
            return 1;
        }
        int failed = 0;
        for (CompanyRequests.CompanyBody body : read.companies()) {
            switch (companies.create(tenant.get().id(), body, CLI)) {
                case CompanyAdministration.Stored(Company c) ->
                        t.say("created   " + c.publicId() + " " + c.name());
                case CompanyAdministration.Rejected(List<FieldMessage> errors) -> {
                    failed++;
                    t.complain("not created " + body.name() + ":");
                    errors.forEach(e -> t.complain("  " + e.field() + " " + e.message()));
                }
                case CompanyAdministration.Conflict(String code, String detail) -> {
                    failed++;
                    t.complain("not created " + body.name() + ": " + detail);
                }
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
