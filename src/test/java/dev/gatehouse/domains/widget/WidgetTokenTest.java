package dev.gatehouse.domains.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.domains.widget.WidgetVerification.Reason;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.testing.TestClock;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Widget tokens: what is accepted, and every way a forged, stale or foreign token is refused. */
class WidgetTokenTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String APP = "app_0123456789abcdefghjkmnpqrs";
    static final String JTI = "tok_0123456789abcdefghjkmnpqrs";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final byte[] secret = bytes(32);
    final TestClock clock = new TestClock(NOW);
    final WidgetTokens tokens = new WidgetTokens(secret, clock, new PublicIds(new SecureRandom()));

    @Test
    void anIssuedTokenIsAcceptedWithItsClaims() {
        WidgetTokens.Issued issued =
                tokens.issue(
                        new WidgetTokens.Grant(
                                APP, Duration.ofSeconds(900), "shop.example.com", "customer-42"));

        WidgetVerification outcome = tokens.verify(issued.token());

        assertThat(outcome).isInstanceOf(WidgetVerification.Valid.class);
        WidgetToken t = ((WidgetVerification.Valid) outcome).token();
        assertThat(t.applicationId()).isEqualTo(APP);
        assertThat(t.hostname()).isEqualTo("shop.example.com");
        assertThat(t.endUserRef()).isEqualTo("customer-42");
        assertThat(t.id()).startsWith("tok_").isEqualTo(issued.claims().id());
        assertThat(t.issuedAt()).isEqualTo(NOW);
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void theTokenCarriesExactlyTheDocumentedClaimsAndNoTenant() {
        String token =
                tokens.issue(new WidgetTokens.Grant(APP, Duration.ofSeconds(600), null, null))
                        .token();

        Map<String, Object> header = decode(token.split("\\.")[0]);
        Map<String, Object> payload = decode(token.split("\\.")[1]);

        assertThat(header).containsEntry("alg", "HS256").containsOnlyKeys("alg", "typ");
        assertThat(payload)
                .containsOnlyKeys("iss", "aud", "sub", "scope", "jti", "iat", "exp")
                .containsEntry("iss", "gatehouse")
                .containsEntry("aud", "gatehouse-widget")
                .containsEntry("sub", APP)
                .containsEntry("scope", "connections:write");
        assertThat(
                        ((Number) payload.get("exp")).longValue()
                                - ((Number) payload.get("iat")).longValue())
                .isEqualTo(600);
    }

    @Test
    void anExpiredTokenIsRefusedAfterTheClockSkew() {
        String token =
                tokens.issue(new WidgetTokens.Grant(APP, Duration.ofSeconds(60), null, null))
                        .token();

        clock.advance(Duration.ofSeconds(60 + 29));
        assertThat(tokens.verify(token)).isInstanceOf(WidgetVerification.Valid.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.EXPIRED));
    }

    @Test
    void aTokenIssuedInTheFutureIsRefused() {
        String token =
                signed(
                        "HmacSHA256",
                        header("HS256"),
                        claims(NOW.plusSeconds(120), NOW.plusSeconds(900), ""));

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.NOT_YET_VALID));
    }

    @Test
    void aNotBeforeInTheFutureIsRefused() {
        String token =
                signed(
                        "HmacSHA256",
                        header("HS256"),
                        claims(
                                NOW,
                                NOW.plusSeconds(900),
                                ",\"nbf\":" + NOW.plusSeconds(300).getEpochSecond()));

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.NOT_YET_VALID));
    }

    @Test
    void aLifetimeLongerThanTheMaximumIsRefused() {
        String token =
                signed("HmacSHA256", header("HS256"), claims(NOW, NOW.plusSeconds(3601), ""));

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.CLAIMS));
    }

    @Test
    void theHandBuiltReferenceTokenIsAccepted() {
        // Guards the other hand-built tokens below: they fail for the one thing each changes.
        String token = signed("HmacSHA256", header("HS256"), claims(NOW, NOW.plusSeconds(900), ""));

        assertThat(tokens.verify(token)).isInstanceOf(WidgetVerification.Valid.class);
    }

    @Test
    void aWrongAudienceIsRefused() {
        String token =
                signed(
                        "HmacSHA256",
                        header("HS256"),
                        payload("gatehouse", "\"gatehouse-api\"", ""));

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.AUDIENCE));
    }

    @Test
    void anExtraAudienceIsRefused() {
        String token =
                signed(
                        "HmacSHA256",
                        header("HS256"),
                        payload("gatehouse", "[\"gatehouse-widget\",\"gatehouse-api\"]", ""));

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.AUDIENCE));
    }

    @Test
    void aWrongIssuerIsRefused() {
        String token =
                signed(
                        "HmacSHA256",
                        header("HS256"),
                        payload("someone-else", "\"gatehouse-widget\"", ""));

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.ISSUER));
    }

    @Test
    void algNoneIsRefused() {
        String token =
                b64("{\"alg\":\"none\",\"typ\":\"JWT\"}")
                        + "."
                        + b64(claims(NOW, NOW.plusSeconds(900), ""))
                        + ".";

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.ALGORITHM));
        assertThat(
                        tokens.verify(
                                b64("{\"alg\":\"None\"}")
                                        + "."
                                        + b64(claims(NOW, NOW.plusSeconds(900), ""))
                                        + "."))
                .isEqualTo(refused(Reason.ALGORITHM));
    }

    @Test
    void hs384AndHs512UnderTheSameSecretAreRefused() {
        String payload = claims(NOW, NOW.plusSeconds(900), "");

        assertThat(tokens.verify(signed("HmacSHA384", header("HS384"), payload)))
                .isEqualTo(refused(Reason.ALGORITHM));
        assertThat(tokens.verify(signed("HmacSHA512", header("HS512"), payload)))
                .isEqualTo(refused(Reason.ALGORITHM));
    }

    @Test
    void anRs256HeaderOverAnHmacSignatureIsRefused() {
        String token = signed("HmacSHA256", header("RS256"), claims(NOW, NOW.plusSeconds(900), ""));

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.ALGORITHM));
    }

    @Test
    void keySelectingAndCriticalHeaderParametersAreRefused() {
        String payload = claims(NOW, NOW.plusSeconds(900), "");
        for (String extra :
                new String[] {
                    ",\"kid\":\"other\"",
                    ",\"jku\":\"https://evil.example/keys\"",
                    ",\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}",
                    ",\"crit\":[\"exp\"]",
                    ",\"typ\":\"at+jwt\""
                }) {
            String header = "{\"alg\":\"HS256\"" + extra + "}";
            assertThat(tokens.verify(signed("HmacSHA256", header, payload)))
                    .as(header)
                    .isEqualTo(refused(Reason.HEADER));
        }
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token =
                tokens.issue(
                                new WidgetTokens.Grant(
                                        APP, Duration.ofSeconds(900), "shop.example.com", null))
                        .token();
        String[] parts = token.split("\\.");
        String forged =
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("shop.example.com", "bank.example.com");

        assertThat(tokens.verify(parts[0] + "." + b64(forged) + "." + parts[2]))
                .isEqualTo(refused(Reason.SIGNATURE));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        WidgetTokens other = new WidgetTokens(bytes(32), clock, new PublicIds(new SecureRandom()));
        String token =
                other.issue(new WidgetTokens.Grant(APP, Duration.ofSeconds(900), null, null))
                        .token();

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.SIGNATURE));
    }

    @Test
    void unknownClaimsSuchAsATenantAreRefused() {
        String token =
                signed(
                        "HmacSHA256",
                        header("HS256"),
                        claims(NOW, NOW.plusSeconds(900), ",\"tenant\":\"ten_x\""));

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.CLAIMS));
    }

    @Test
    void aSubjectThatIsNotAnApplicationIsRefused() {
        String token =
                signed(
                        "HmacSHA256",
                        header("HS256"),
                        claims(NOW, NOW.plusSeconds(900), "")
                                .replace(APP, "key_0123456789abcdefghjkmnpqrs"));

        assertThat(tokens.verify(token)).isEqualTo(refused(Reason.CLAIMS));
    }

    @Test
    void garbageIsRefusedAsMalformed() {
        for (String garbage : new String[] {"", "gk_live_abc", "a.b.c", "....", "x".repeat(5000)}) {
            assertThat(tokens.verify(garbage)).as(garbage).isEqualTo(refused(Reason.MALFORMED));
        }
        assertThat(tokens.verify(b64("{\"alg\":\"HS256\"}") + ".%%%.sig"))
                .isInstanceOf(WidgetVerification.Refused.class);
    }

    @Test
    void ttlMustBeBetweenOneMinuteAndOneHour() {
        assertThat(WidgetTokens.ttlProblem(59))
                .contains("ttl_seconds must be between 60 and 3600, was 59");
        assertThat(WidgetTokens.ttlProblem(3601))
                .contains("ttl_seconds must be between 60 and 3600, was 3601");
        assertThat(WidgetTokens.ttlProblem(0))
                .contains("ttl_seconds must be between 60 and 3600, was 0");
        assertThat(WidgetTokens.ttlProblem(60)).isEmpty();
        assertThat(WidgetTokens.ttlProblem(3600)).isEmpty();
        assertThatThrownBy(() -> new WidgetTokens.Grant(APP, Duration.ofSeconds(3601), null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("was 3601");
    }

    @Test
    void aShortSecretIsRefusedAtConstruction() {
        assertThatThrownBy(
                        () -> new WidgetTokens(bytes(31), clock, new PublicIds(new SecureRandom())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes, was 31");
    }

    private static WidgetVerification refused(Reason reason) {
        return new WidgetVerification.Refused(reason);
    }

    private static String header(String alg) {
        return "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
    }

    private static String claims(Instant iat, Instant exp, String extra) {
        return "{\"iss\":\"gatehouse\",\"aud\":\"gatehouse-widget\",\"sub\":\""
                + APP
                + "\",\"scope\":\"connections:write\","
                + "\"jti\":\""
                + JTI
                + "\",\"iat\":"
                + iat.getEpochSecond()
                + ",\"exp\":"
                + exp.getEpochSecond()
                + extra
                + "}";
    }

    private static String payload(String iss, String audJson, String extra) {
        return claims(NOW, NOW.plusSeconds(900), extra)
                .replace("\"iss\":\"gatehouse\"", "\"iss\":\"" + iss + "\"")
                .replace("\"aud\":\"gatehouse-widget\"", "\"aud\":" + audJson);
    }

    private String signed(String macAlgorithm, String header, String payload) {
        String input = b64(header) + "." + b64(payload);
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(secret, macAlgorithm));
            return input
                    + "."
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> decode(String part) {
        return JSON.readValue(Base64.getUrlDecoder().decode(part), Map.class);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
