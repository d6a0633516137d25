package dev.gatehouse.gateway.policy;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The decision core is pure: Java and JSpecify only, and nothing else of Gatehouse. Its {@code
 * package-info} is left out, as in the project's {@code ArchitectureTest}: the Modulith
 * {@code @NamedInterface} there is metadata that lets the portal use the core, not a dependency of
 * any class.
 */
class PolicyCoreArchitectureTest {

    private static final JavaClasses CORE =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.gatehouse.gateway.policy");

    @Test
    void theCoreDependsOnNothingButJavaAndItself() {
        classes()
                .that()
                .resideInAPackage("dev.gatehouse.gateway.policy..")
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "dev.gatehouse.gateway.policy..", "java..", "org.jspecify.annotations..")
                .check(CORE);
    }

    @Test
    void theCoreImportsNoSpringJdbcServletOrIo() {
        noClasses()
                .that()
                .resideInAPackage("dev.gatehouse.gateway.policy..")
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "javax.sql..",
                        "jakarta.servlet..",
                        "javax.servlet..",
                        "java.net..",
                        "java.nio.file..",
                        "java.io..")
                .check(CORE);
    }
}
