package dev.gatehouse.domains.ask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

class AskServletTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void allowBodyIsExactlyAllowAndOrigin() {
        assertThat(
                        new String(
                                AskServlet.allowBody("https://app.example.com:8443"),
                                StandardCharsets.UTF_8))
                .isEqualTo("{\"allow\":true,\"origin\":\"https://app.example.com:8443\"}");
    }

    @Test
    void originWithQuotesBackslashesAndControlCharactersStaysValidJson() {
        String origin = "https://a.example/\"x\"\\y\n\t\u0001\u2028é";

        JsonNode parsed =
                JSON.readTree(new String(AskServlet.allowBody(origin), StandardCharsets.UTF_8));

        assertThat(parsed.get("allow").asBoolean()).isTrue();
        assertThat(parsed.get("origin").asString()).isEqualTo(origin);
        assertThat(parsed.size()).isEqualTo(2);
    }
}
