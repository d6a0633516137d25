package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

class DetailsRedactorTest {

    private static final String KEY = "gk_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v";
    private final JsonMapper json = JsonMapper.builder().build();
    private final DetailsRedactor redactor = new DetailsRedactor(json, 2048);

    private JsonNode redact(Map<String, ?> details) {
        return json.readTree(redactor.details(details));
    }

    @Test
    void secretFieldsAreMaskedAtAnyDepthWhateverTheirValue() {
        JsonNode out =
                redact(
                        Map.of(
                                "Password", "hunter2",
                                "request",
                                        Map.of(
                                                "body",
                                                Map.of(
                                                        "client_secret",
                                                        Map.of("x", 1),
                                                        "refreshToken",
                                                        "abc",
                                                        "ok",
                                                        "fine")),
                                "list", List.of(Map.of("api_key", "k"))));

        assertThat(out.get("Password").stringValue()).isEqualTo("[redacted]");
        assertThat(out.at("/request/body/client_secret").stringValue()).isEqualTo("[redacted]");
        assertThat(out.at("/request/body/refreshToken").stringValue()).isEqualTo("[redacted]");
        assertThat(out.at("/request/body/ok").stringValue()).isEqualTo("fine");
        assertThat(out.at("/list/0/api_key").stringValue()).isEqualTo("[redacted]");
    }

    @Test
    void secretHeadersAreMaskedAndOtherHeadersKept() {
        JsonNode out =
                redact(
                        Map.of(
                                "request_headers",
                                Map.of(
                                        "Authorization",
                                        "Bearer abc.def",
                                        "X-Api-Key",
                                        "xyz",
                                        "Cookie",
                                        "s=1",
                                        "Accept",
                                        "application/json")));

        assertThat(out.at("/request_headers/Authorization").stringValue()).isEqualTo("[redacted]");
        assertThat(out.at("/request_headers/X-Api-Key").stringValue()).isEqualTo("[redacted]");
        assertThat(out.at("/request_headers/Cookie").stringValue()).isEqualTo("[redacted]");
        assertThat(out.at("/request_headers/Accept").stringValue()).isEqualTo("application/json");
    }

    @Test
    void secretShapedStringsAreMaskedInsideOrdinaryFields() {
        JsonNode out =
                redact(
                        Map.of(
                                "preview",
                                "{\"note\":\"use " + KEY + " please\"}",
                                "query",
                                "a=1&password=p4ss"));

        assertThat(out.get("preview").stringValue()).doesNotContain(KEY).contains("[redacted]");
        assertThat(out.get("query").stringValue()).doesNotContain("p4ss");
    }

    @Test
    void longStringsAreCutToThePreviewLimitWithAMarker() {
        JsonNode out = redact(Map.of("body", "é".repeat(5000), "short", "x".repeat(2048)));

        String body = out.get("body").stringValue();
        assertThat(body).endsWith(DetailsRedactor.TRUNCATED);
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(2048);
        assertThat(out.get("short").stringValue()).hasSize(2048);
    }

    @Test
    void freeTextColumnsAreMaskedAndCut() {
        assertThat(redactor.text("Bearer " + KEY, 200)).doesNotContain(KEY);
        assertThat(redactor.text("y".repeat(600), 512)).hasSize(512);
        assertThat(redactor.text(null, 10)).isNull();
    }
}
