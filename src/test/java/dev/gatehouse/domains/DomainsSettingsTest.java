package dev.gatehouse.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gatehouse.kernel.config.ConfigProblem;
import dev.gatehouse.kernel.config.InvalidConfiguration;
import dev.gatehouse.kernel.config.SettingsLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;

/** {@code DOMAINS_ALLOWED_CAS} as the kernel's loader reads it. */
class DomainsSettingsTest {

    @TempDir Path dir;

    private DomainsSettings load(Map<String, String> env) {
        return new SettingsLoader(new SecureRandom()).load(env, dir).section(DomainsSettings.class);
    }

    @Test
    void theAllowedCasDefaultToCaddysIssuers() {
        assertThat(load(Map.of()).allowedCas()).containsExactly("letsencrypt.org", "sectigo.com");
        assertThat(load(Map.of("DOMAINS_ALLOWED_CAS", " ")).allowedCas())
                .containsExactly("letsencrypt.org", "sectigo.com");
    }

    @Test
    void theAllowedCasAreReadInLowerCaseWithoutRepeats() {
        assertThat(
                        load(Map.of("DOMAINS_ALLOWED_CAS", "DigiCert.com, pki.goog,digicert.com"))
                                .allowedCas())
                .containsExactly("digicert.com", "pki.goog");
    }

    @Test
    void anAllowedCaThatIsNotADomainNameIsAProblemNamingIt() {
        for (String bad :
                new String[] {"https://letsencrypt.org", "letsencrypt", "a..b", "-x.org"}) {
            InvalidConfiguration e =
                    catchThrowableOfType(
                            InvalidConfiguration.class,
                            () -> load(Map.of("DOMAINS_ALLOWED_CAS", "sectigo.com," + bad)));

            assertThat(e).as(bad).isNotNull();
            assertThat(e.problems())
                    .extracting(ConfigProblem::toString)
                    .containsExactly(
                            "[CONFIG ERROR] DOMAINS_ALLOWED_CAS: \""
                                    + bad
                                    + "\" is not a CA's domain name such as letsencrypt.org");
        }
    }
}
