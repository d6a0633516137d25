package dev.gatehouse.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.config.ConfigProblem;
import dev.gatehouse.kernel.config.InvalidConfiguration;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.config.SettingsLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The license's settings, read with the kernel's: defaults, and every refusal named at once. */
class LicensingSettingsTest {

    @TempDir Path dir;

    private LicensingSettings load(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(overrides);
        env.put("GATEHOUSE_DATA_DIR", dir.resolve("data").toString());
        Settings s = new SettingsLoader(new SecureRandom()).load(env, dir);
        return s.section(LicensingSettings.class);
    }

    private List<String> refused(Map<String, String> overrides) {
        try {
            load(overrides);
        } catch (InvalidConfiguration e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        throw new AssertionError("accepted: " + overrides);
    }

    @Test
    void nothingIsRequiredAndNothingSecretIsPrinted() {
        LicensingSettings none = load(Map.of("SYNC_DEMO", "false"));
        assertThat(none.configured()).isFalse();
        assertThat(none.serverEnabled()).isFalse();
        assertThat(none.allowPrivateHost()).isFalse();

        LicensingSettings all =
                load(
                        Map.of(
                                "LICENSE_API_URL", "https://license.example.com/",
                                "HMAC_SECRET", "secret-SENTINEL-0123456789",
                                "SAGECONNECT_API_KEY", "key-SENTINEL",
                                "LICENSE_ADMIN_EMAIL", "licenses@example.com"));
        assertThat(all.configured()).isTrue();
        assertThat(all.apiUrl()).contains(URI.create("https://license.example.com/"));
        assertThat(all.adminEmail()).contains("licenses@example.com");
        assertThat(all.toString()).doesNotContain("SENTINEL");
    }

    @Test
    void inDevelopmentTheDemoLicensesTheNodeItselfUnlessAServerIsNamed() {
        LicensingSettings demo = load(Map.of("SERVER_PORT", "18080"));
        assertThat(demo.demo()).isTrue();
        assertThat(demo.configured()).isTrue();
        assertThat(demo.serverEnabled()).isTrue();
        assertThat(demo.allowPrivateHost()).isTrue();
        assertThat(demo.apiUrl()).contains(URI.create("http://127.0.0.1:18080"));
        assertThat(demo.licenseKey())
                .as("derived from APP_KEY: the same at every start")
                .isEqualTo(load(Map.of("SERVER_PORT", "18080")).licenseKey());
        assertThat(demo.toString()).doesNotContain(demo.licenseKey(), demo.hmacSecret());

        assertThat(load(Map.of("LICENSE_API_URL", "https://license.example.com/")).demo())
                .isFalse();
    }

    @Test
    void everyBadValueIsNamed() {
        List<String> problems =
                refused(
                        Map.of(
                                "LICENSE_API_URL", "ftp://license.example.com",
                                "HMAC_SECRET", "short",
                                "SAGECONNECT_API_KEY", "has a space",
                                "LICENSE_ADMIN_EMAIL", "a@example.com,b@example.com"));
        assertThat(String.join("\n", problems))
                .contains(
                        "LICENSE_API_URL",
                        "HMAC_SECRET",
                        "SAGECONNECT_API_KEY",
                        "LICENSE_ADMIN_EMAIL")
                .doesNotContain("short", "has a space");
        assertThat(refused(Map.of("LICENSE_API_URL", "https://user:pw@license.example.com")))
                .anyMatch(p -> p.contains("LICENSE_API_URL"));
    }

    @Test
    void theServerRoleNeedsTheSecret() {
        assertThat(refused(Map.of("GATEHOUSE_LICENSE_SERVER_ENABLED", "true")))
                .anyMatch(p -> p.contains("HMAC_SECRET") && p.contains("required"));
        assertThat(
                        load(Map.of(
                                        "GATEHOUSE_LICENSE_SERVER_ENABLED",
                                        "true",
                                        "HMAC_SECRET",
                                        "a-long-enough-secret"))
                                .serverEnabled())
                .isTrue();
    }
}
