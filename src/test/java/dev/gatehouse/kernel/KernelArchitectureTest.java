package dev.gatehouse.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kernel knows no product: products plug into its seams ({@code kernel.product.ProductModule},
 * {@code kernel.operator.TenantLimits}), never the other way round. Two rules, checked on the
 * compiled kernel:
 *
 * <ol>
 *   <li>no kernel type refers to a type of a product package ({@link #PRODUCT_PACKAGES});
 *   <li>no kernel class file names a product: every UTF-8 entry of its constant pool (string
 *       constants, class, field, method and enum-constant names, descriptors, annotation values) is
 *       split into words (at every non-letter-or-digit and at camelCase humps) and no word may be a
 *       product word ({@link #PRODUCT_WORDS}), nor may an entry name a product package. Javadoc and
 *       comments are not in class files and may mention products.
 * </ol>
 *
 * A constant that contains a product word with another meaning is listed in {@link #NOT_A_PRODUCT}
 * with its reason.
 */
class KernelArchitectureTest {

    static final List<String> PRODUCT_PACKAGES =
            List.of(
                    "dev.gatehouse.domains",
                    "dev.gatehouse.gateway",
                    "dev.gatehouse.erpsync",
                    "dev.gatehouse.licensing",
                    "dev.gatehouse.portal");

    /** Product names and the words only a product has a reason to say. */
    static final Set<String> PRODUCT_WORDS =
            Set.of(
                    "domains",
                    "gateway",
                    "erpsync",
                    "sync",
                    "licensing",
                    "license",
                    "webhook",
                    "webhooks",
                    "dns",
                    "sage",
                    "focaltec",
                    "cfdi",
                    "upstream",
                    "erp",
                    "widget");

    /** Whole constants allowed to contain a product word, with why. */
    static final Map<String, String> NOT_A_PRODUCT =
            Map.of(
                    "max-age=31536000; includeSubDomains",
                    "the HSTS header's includeSubDomains directive (RFC 6797), not Connect Domain");

    static final JavaClasses KERNEL =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.gatehouse.kernel");

    @Test
    void noKernelTypeRefersToAProductPackage() {
        noClasses()
                .that()
                .resideInAPackage("dev.gatehouse.kernel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        PRODUCT_PACKAGES.stream().map(p -> p + "..").toArray(String[]::new))
                .because("products plug into the kernel's seams; the kernel names none of them")
                .check(KERNEL);
    }

    @Test
    void noKernelClassFileNamesAProduct() {
        List<String> found = new ArrayList<>();
        for (JavaClass c : KERNEL) {
            productNamesIn(bytesOf(c.reflect())).forEach(n -> found.add(c.getName() + ": " + n));
        }
        assertThat(found).as("product names in kernel class files").isEmpty();
    }

    @Test
    void theNameRuleFindsProductNamesInConstantsEnumsMembersAndPackages() {
        assertThat(productNamesIn(bytesOf(Leaky.class)))
                .anyMatch(n -> n.contains("DOMAINS_DEFAULT_MAX_CONNECTIONS"))
                .anyMatch(n -> n.contains("webhook-secrets"))
                .anyMatch(n -> n.contains("GATEWAY_READ"))
                .anyMatch(n -> n.contains("syncCompanies"))
                .anyMatch(n -> n.contains("dev.gatehouse.portal.Pages"));
        assertThat(productNamesIn(bytesOf(Clean.class))).isEmpty();
    }

    /** What the rule must catch, were it in the kernel. */
    @SuppressWarnings("unused")
    static final class Leaky {
        static final String SETTING = "DOMAINS_DEFAULT_MAX_CONNECTIONS";
        static final String LABEL = "webhook-secrets";
        static final String LOGGER = "dev.gatehouse.portal.Pages";
        int syncCompanies;

        enum Scopes {
            GATEWAY_READ
        }

        String label() {
            return LABEL + Scopes.GATEWAY_READ;
        }
    }

    /** Words that look close but are not product names: must pass. */
    @SuppressWarnings("unused")
    static final class Clean {
        static final String HSTS = "max-age=31536000; includeSubDomains";
        static final String DOMAIN = "gatehouse/vault/place";
        static final String POOL = "max_connections";
        boolean recordAsync;
        boolean synchronizedWrites;
    }

    /** The offending entries of one class file, each with the product word or package it names. */
    static List<String> productNamesIn(byte[] classFile) {
        Set<String> found = new TreeSet<>();
        for (PoolEntry e : ClassFile.of().parse(classFile).constantPool()) {
            if (e instanceof Utf8Entry utf8) {
                String text = utf8.stringValue();
                if (NOT_A_PRODUCT.containsKey(text)) {
                    continue;
                }
                for (String p : PRODUCT_PACKAGES) {
                    if (text.contains(p) || text.contains(p.replace('.', '/'))) {
                        found.add("\"" + text + "\" names package " + p);
                    }
                }
                for (String word : words(text)) {
                    if (PRODUCT_WORDS.contains(word)) {
                        found.add("\"" + text + "\" says \"" + word + "\"");
                    }
                }
            }
        }
        return List.copyOf(found);
    }

    /** Splits at every character that is not a letter or digit, and at camelCase humps. */
    static List<String> words(String text) {
        return Arrays.stream(
                        text.replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")
                                .split("[^A-Za-z0-9]+"))
                .filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT))
                .toList();
    }

    private static byte[] bytesOf(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + type.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
