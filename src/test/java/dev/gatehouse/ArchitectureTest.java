package dev.gatehouse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.stereotype.Repository;

import java.util.Set;

/** The architecture rules of the style guide, checked on every build. */
class ArchitectureTest {

    static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.gatehouse");

    /**
     * The only classes allowed to open the system scope, each with its reason in its own Javadoc.
     */
    static final Set<String> SYSTEM_SCOPE_OPENERS =
            Set.of(
                    "dev.gatehouse.kernel.keys.KeyVerifier",
                    "dev.gatehouse.domains.ConnectionLifecycle",
                    "dev.gatehouse.domains.ConnectionWorker",
                    "dev.gatehouse.domains.widget.WidgetGate", // a widget token names only its
                    // application
                    "dev.gatehouse.domains.webhooks.WebhookDispatcher",
                    "dev.gatehouse.domains.ask.LiveHostnames",
                    "dev.gatehouse.kernel.keys.KeyIssuer",
                    "dev.gatehouse.kernel.keys.LastUseRecorder",
                    "dev.gatehouse.kernel.operator.TenantAdministration",
                    "dev.gatehouse.kernel.operator.FirstBoot",
                    "dev.gatehouse.erpsync.demo.DemoCompany", // which tenant is first
                    "dev.gatehouse.kernel.cli.Commands",
                    "dev.gatehouse.portal.session.Sessions",
                    "dev.gatehouse.kernel.vault.VaultRotation",
                    "dev.gatehouse.kernel.audit.AuditSealer",
                    "dev.gatehouse.kernel.audit.AuditVerifier",
                    "dev.gatehouse.kernel.audit.AuditLog",
                    "dev.gatehouse.kernel.audit.AuditConfiguration",
                    "dev.gatehouse.kernel.audit.AuditPruner",
                    // The sync reaps expired cycle locks and schedules every company at start.
                    "dev.gatehouse.erpsync.cycle.SyncCycles",
                    "dev.gatehouse.erpsync.cycle.SyncSchedule",
                    // sync import-env names its tenant by public id.
                    "dev.gatehouse.erpsync.company.SyncCommands",
                    // Sign-in finds the account by e-mail before any tenant is known.
                    "dev.gatehouse.kernel.identity.SignIn",
                    // The command line resets a password by e-mail, knowing no tenant.
                    "dev.gatehouse.kernel.identity.AccountSecurity",
                    // A gateway token names no tenant until it is found by its hash.
                    "dev.gatehouse.gateway.access.GatewayCallers",
                    // The token exchange finds a credential set by client_id, knowing no tenant.
                    "dev.gatehouse.gateway.access.TokenExchange",
                    // Last-use times of many tenants' credential sets are written in one batch.
                    "dev.gatehouse.gateway.access.CredentialLastUse",
                    // Relay counts of many tenants are added in one batch, old hours pruned.
                    "dev.gatehouse.gateway.events.RelayHours",
                    // The license server's table belongs to the installation, not to a tenant.
                    "dev.gatehouse.licensing.LicenseServer");

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules modules = ApplicationModules.of(GatehouseApplication.class);
        modules.verify();
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
    }

    @Test
    void everyRepositoryMethodTakesATenantOrTheSystemScope() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .areAnnotatedWith(Repository.class)
                .and()
                .doNotHaveModifier(JavaModifier.PRIVATE)
                .and()
                .doNotHaveModifier(JavaModifier.STATIC)
                .and()
                .doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should(takeATenantOrSystemScope())
                .check(CLASSES);
    }

    @Test
    void onlyNamedClassesOpenTheSystemScope() {
        noClasses()
                .that(notIn(SYSTEM_SCOPE_OPENERS))
                .should()
                .callConstructor(SystemScope.class, String.class)
                .because("cross-tenant work is allowed only where the architecture names it")
                .check(CLASSES);
    }

    @Test
    void decisionCoresDoNotDependOnSpring() {
        classes()
                .that()
                .resideInAnyPackage(
                        "dev.gatehouse.kernel.redaction..",
                        "dev.gatehouse.kernel.config..",
                        "dev.gatehouse.kernel.ids..")
                .or()
                .haveFullyQualifiedName("dev.gatehouse.kernel.keys.Scope")
                .or()
                .haveFullyQualifiedName("dev.gatehouse.kernel.keys.KeyVerification")
                .or()
                .haveFullyQualifiedName("dev.gatehouse.kernel.keys.ApiKeySecret")
                .or()
                .haveFullyQualifiedName("dev.gatehouse.kernel.keys.KeyIssuer")
                .or()
                .haveFullyQualifiedName("dev.gatehouse.kernel.vault.Vault")
                .or()
                .haveFullyQualifiedName("dev.gatehouse.kernel.vault.Hkdf")
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .onlyDependOnClassesThat(
                        DescribedPredicate.not(
                                JavaClass.Predicates.resideInAPackage("org.springframework..")))
                .check(CLASSES);
    }

    @Test
    void nothingOutsideTheKernelCallsTheClockOrSecureRandomDirectly() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.gatehouse.kernel.config..")
                .and()
                .doNotHaveFullyQualifiedName("dev.gatehouse.kernel.KernelConfiguration")
                .and()
                .doNotHaveFullyQualifiedName("dev.gatehouse.GatehouseApplication")
                .should()
                .callMethod(java.time.Instant.class, "now")
                .orShould()
                .callConstructor(java.security.SecureRandom.class)
                .check(CLASSES);
    }

    private static DescribedPredicate<JavaClass> notIn(Set<String> names) {
        return DescribedPredicate.describe(
                "not one of the named system-scope openers",
                c ->
                        !names.contains(c.getName())
                                && !names.contains(c.getName().replaceAll("\\$.*", "")));
    }

    private static ArchCondition<JavaMethod> takeATenantOrSystemScope() {
        return new ArchCondition<>("take a TenantId or a SystemScope") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean ok =
                        method.getRawParameterTypes().stream()
                                .anyMatch(
                                        t ->
                                                t.isEquivalentTo(TenantId.class)
                                                        || t.isEquivalentTo(SystemScope.class));
                if (!ok && !method.getName().startsWith("lambda$")) {
                    events.add(
                            SimpleConditionEvent.violated(
                                    method,
                                    method.getFullName()
                                            + " takes neither a TenantId nor a SystemScope"));
                }
            }
        };
    }
}
