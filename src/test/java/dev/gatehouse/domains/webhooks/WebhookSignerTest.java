package dev.gatehouse.domains.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

class WebhookSignerTest {

    // The published Standard Webhooks test vector (also checked with openssl when this was
    // written).
    static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long VECTOR_TIMESTAMP = 1614265330;
    static final String VECTOR_BODY = "{\"test\": 2432232314}";
    static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    static final Instant AT = Instant.ofEpochSecond(VECTOR_TIMESTAMP);
    static final byte[] KEY = WebhookSigner.key(VECTOR_SECRET);

    @Test
    void reproducesThePublishedStandardWebhooksTestVector() {
        assertThat(WebhookSigner.signature(KEY, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
                .isEqualTo(VECTOR_SIGNATURE);
        WebhookSigner.Headers h = WebhookSigner.sign(KEY, VECTOR_ID, AT, VECTOR_BODY);
        assertThat(h)
                .isEqualTo(new WebhookSigner.Headers(VECTOR_ID, "1614265330", VECTOR_SIGNATURE));
    }

    @Test
    void theKeyIsTheBase64AfterThePrefixWithOrWithoutIt() {
        byte[] expected = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(KEY).isEqualTo(expected);
        assertThat(WebhookSigner.key("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEqualTo(expected);
        assertThat(WebhookSigner.key(VECTOR_SECRET.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(expected);
        assertThatThrownBy(() -> WebhookSigner.key("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSigner.key("whsec_"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesAnIndependentHmacOverIdTimestampAndBody() throws Exception {
        String body =
                "{\"id\":\"evt_1\",\"type\":\"connection.live\",\"data\":{\"hostname\":\"shop.example.com\"}}";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected =
                Base64.getEncoder()
                        .encodeToString(
                                mac.doFinal(
                                        ("evt_1.1700000000." + body)
                                                .getBytes(StandardCharsets.UTF_8)));
        assertThat(WebhookSigner.signature(KEY, "evt_1", 1700000000, body))
                .isEqualTo("v1," + expected);
    }

    @Test
    void verifiesTheVectorWithinTheToleranceOnly() {
        assertThat(verify(VECTOR_SIGNATURE, VECTOR_BODY, AT))
                .isEqualTo(new WebhookSigner.Verification.Valid());
        assertThat(verify(VECTOR_SIGNATURE, VECTOR_BODY, AT.plusSeconds(300)).valid()).isTrue();
        assertThat(verify(VECTOR_SIGNATURE, VECTOR_BODY, AT.minusSeconds(300)).valid()).isTrue();
        assertThat(verify(VECTOR_SIGNATURE, VECTOR_BODY, AT.plusSeconds(301)))
                .isEqualTo(new WebhookSigner.Verification.Invalid("stale_timestamp"));
        assertThat(verify(VECTOR_SIGNATURE, VECTOR_BODY, AT.minusSeconds(301)))
                .isEqualTo(new WebhookSigner.Verification.Invalid("stale_timestamp"));
    }

    @Test
    void refusesATamperedBodyAnotherKeyOrAnotherId() {
        assertThat(verify(VECTOR_SIGNATURE, "{\"test\": 2432232315}", AT))
                .isEqualTo(new WebhookSigner.Verification.Invalid("no_match"));
        byte[] otherKey =
                WebhookSigner.key("whsec_" + Base64.getEncoder().encodeToString(new byte[32]));
        assertThat(
                        WebhookSigner.verify(
                                        otherKey,
                                        VECTOR_ID,
                                        "1614265330",
                                        VECTOR_SIGNATURE,
                                        VECTOR_BODY,
                                        AT)
                                .valid())
                .isFalse();
        assertThat(
                        WebhookSigner.verify(
                                        KEY,
                                        "msg_other",
                                        "1614265330",
                                        VECTOR_SIGNATURE,
                                        VECTOR_BODY,
                                        AT)
                                .valid())
                .isFalse();
    }

    @Test
    void acceptsAnyMatchingV1SignatureInASpaceSeparatedList() {
        assertThat(verify("v1,bm9wZQ== v2,whatever " + VECTOR_SIGNATURE, VECTOR_BODY, AT).valid())
                .isTrue();
        assertThat(
                        verify("v1,bm9wZQ== v1a," + VECTOR_SIGNATURE.substring(3), VECTOR_BODY, AT)
                                .valid())
                .isFalse();
        assertThat(verify("v1,%%%notbase64", VECTOR_BODY, AT).valid()).isFalse();
    }

    @Test
    void refusesMissingHeadersAndUnreadableTimestamps() {
        assertThat(WebhookSigner.verify(KEY, null, "1614265330", VECTOR_SIGNATURE, VECTOR_BODY, AT))
                .isEqualTo(new WebhookSigner.Verification.Invalid("missing_header"));
        assertThat(WebhookSigner.verify(KEY, VECTOR_ID, "soon", VECTOR_SIGNATURE, VECTOR_BODY, AT))
                .isEqualTo(new WebhookSigner.Verification.Invalid("bad_timestamp"));
        assertThat(WebhookSigner.verify(KEY, VECTOR_ID, "1614265330", null, VECTOR_BODY, AT))
                .isEqualTo(new WebhookSigner.Verification.Invalid("missing_header"));
    }

    private static WebhookSigner.Verification verify(String signatures, String body, Instant now) {
        return WebhookSigner.verify(
                KEY, VECTOR_ID, Long.toString(VECTOR_TIMESTAMP), signatures, body, now);
    }
}
