package dev.gatehouse.kernel.identity;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * Identity's decisions and use cases are plain Java; only the repository and the wiring know
 * Spring.
 */
class IdentityArchitectureTest {

    static final JavaClasses IDENTITY =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.gatehouse.kernel.identity");

    @Test
    void onlyTheRepositoryTheWiringAndTheArgon2AdapterDependOnSpring() {
        classes()
                .that()
                .doNotHaveSimpleName("Users")
                .and()
                .doNotHaveSimpleName("IdentityConfiguration")
                .and()
                .doNotHaveSimpleName("Passwords")
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .onlyDependOnClassesThat(
                        DescribedPredicate.not(
                                JavaClass.Predicates.resideInAPackage("org.springframework..")))
                .check(IDENTITY);
    }
}
