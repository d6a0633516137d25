package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.web.ApiProblem.FieldMessage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

class CredentialRequestsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void productionAcceptsOnlyCloudflaresOwnBaseUrl() {
        assertThat(CredentialRequests.baseUrlProblem("https://api.cloudflare.com/client/v4", true))
                .isNull();
        assertThat(CredentialRequests.baseUrlProblem("http://127.0.0.1:8080/client/v4", true))
                .contains("in production");
        assertThat(
                        CredentialRequests.baseUrlProblem(
                                "https://api.cloudflare.com.evil.test/client/v4", true))
                .contains("in production");
        assertThat(CredentialRequests.baseUrlProblem("http://169.254.169.254/latest", true))
                .contains("in production");
    }

    @Test
    void outsideProductionAnyHttpBaseUrlWithoutCredentialsIsAccepted() {
        assertThat(CredentialRequests.baseUrlProblem("http://127.0.0.1:8080/client/v4", false))
                .isNull();
        assertThat(CredentialRequests.baseUrlProblem("ftp://127.0.0.1/x", false)).isNotNull();
        assertThat(CredentialRequests.baseUrlProblem("http://user:pw@127.0.0.1/x", false))
                .isNotNull();
        assertThat(CredentialRequests.baseUrlProblem("http://127.0.0.1/x?token=1", false))
                .isNotNull();
    }

    @Test
    void aProductionRequestWithAnotherBaseUrlIsInvalidAndTheDefaultIsUsedWhenNoneIsGiven() {
        Map<String, Object> config =
                new HashMap<>(Map.of("api_token", "tok", "zone_id", "a".repeat(32)));
        CredentialRequests.Checked defaulted =
                CredentialRequests.check("cf", "cloudflare", config, true);
        assertThat(defaulted)
                .isInstanceOfSatisfying(
                        CredentialRequests.Valid.class,
                        v -> {
                            assertThat(v.config())
                                    .isEqualTo(
                                            new ProviderConfig.Cloudflare(
                                                    "a".repeat(32),
                                                    ProviderConfig.Cloudflare.DEFAULT_BASE_URL));
                            assertThat(new String(v.secret(), StandardCharsets.US_ASCII))
                                    .isEqualTo("tok");
                        });

        config.put("base_url", "http://10.0.0.5/client/v4");
        assertThat(CredentialRequests.check("cf", "cloudflare", config, true))
                .isEqualTo(
                        new CredentialRequests.Invalid(
                                java.util.List.of(
                                        new FieldMessage(
                                                "config.base_url",
                                                "can only be https://api.cloudflare.com/client/v4"
                                                        + " in production"))));
    }

    @Test
    void inProductionAnRfc2136ServerMustNotBeAnInternalAddress() {
        assertThat(CredentialRequests.serverProblem("127.0.0.1", true)).isNotNull();
        assertThat(CredentialRequests.serverProblem("10.1.2.3", true)).isNotNull();
        assertThat(CredentialRequests.serverProblem("169.254.169.254", true)).isNotNull();
        assertThat(CredentialRequests.serverProblem("fd00::53", true)).isNotNull();
        assertThat(CredentialRequests.serverProblem("9.9.9.9", true)).isNull();
        assertThat(CredentialRequests.serverProblem("ns1.example.com", true)).isNull();
        assertThat(CredentialRequests.serverProblem("127.0.0.1", false)).isNull();
        assertThat(CredentialRequests.serverProblem("not a host", false)).isNotNull();
    }

    @Test
    void aValidRfc2136RequestKeepsTheSecretOutOfTheConfig() {
        CredentialRequests.Checked c =
                CredentialRequests.check(
                        " BIND ",
                        "rfc2136",
                        Map.of(
                                "server",
                                "NS1.Example.com",
                                "zone",
                                "Example.COM.",
                                "tsig_key_name",
                                "gatehouse-key",
                                "tsig_secret",
                                KEY,
                                "tsig_algorithm",
                                "HMAC-SHA512"),
                        false);

        assertThat(c)
                .isInstanceOfSatisfying(
                        CredentialRequests.Valid.class,
                        v -> {
                            assertThat(v.name()).isEqualTo("BIND");
                            assertThat(v.config())
                                    .isEqualTo(
                                            new ProviderConfig.Rfc2136(
                                                    "ns1.example.com",
                                                    53,
                                                    "example.com",
                                                    "gatehouse-key",
                                                    "hmac-sha512"));
                            assertThat(v.config().wire())
                                    .doesNotContainKey("tsig_secret")
                                    .doesNotContainValue(KEY);
                            assertThat(v.secret()).hasSize(32);
                        });
    }

    @Test
    void aShortOrMalformedTsigSecretIsRefusedWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[8]);
        CredentialRequests.Checked c =
                CredentialRequests.check(
                        "x",
                        "rfc2136",
                        Map.of(
                                "server",
                                "127.0.0.1",
                                "zone",
                                "example.com",
                                "tsig_key_name",
                                "k",
                                "tsig_secret",
                                shortKey),
                        false);

        assertThat(c)
                .isInstanceOfSatisfying(
                        CredentialRequests.Invalid.class,
                        i -> {
                            assertThat(i.errors())
                                    .extracting(FieldMessage::field)
                                    .containsExactly("config.tsig_secret");
                            assertThat(i.errors().toString()).doesNotContain(shortKey);
                        });
    }

    @Test
    void aPortGivenAsTextIsRefused() {
        CredentialRequests.Checked c =
                CredentialRequests.check(
                        "x",
                        "rfc2136",
                        Map.of(
                                "server",
                                "127.0.0.1",
                                "port",
                                "53",
                                "zone",
                                "example.com",
                                "tsig_key_name",
                                "k",
                                "tsig_secret",
                                KEY),
                        false);

        assertThat(c)
                .isInstanceOfSatisfying(
                        CredentialRequests.Invalid.class,
                        i ->
                                assertThat(i.errors())
                                        .extracting(FieldMessage::field)
                                        .containsExactly("config.port"));
    }

    @Test
    void aMissingConfigAndProviderAreReportedTogether() {
        CredentialRequests.Checked c = CredentialRequests.check("x", null, null, false);

        assertThat(c)
                .isInstanceOfSatisfying(
                        CredentialRequests.Invalid.class,
                        i ->
                                assertThat(i.errors())
                                        .extracting(FieldMessage::field)
                                        .containsExactly("config", "provider"));
    }
}
