package dev.gatehouse.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

class LoginBodiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void placeholdersBecomeJsonStringContent() {
        byte[] body = LoginBodies.body(UpstreamBodies.SAP_TEMPLATE, "manager", "p\"w\\d\n", null);

        JsonNode tree = JSON.readTree(body);
        assertThat(tree.get("UserName").asString()).isEqualTo("manager");
        assertThat(tree.get("Password").asString()).isEqualTo("p\"w\\d\n");
        assertThat(tree.get("CompanyDB").asString()).isEqualTo("SBODEMOUS");
    }

    @Test
    void aPasswordThatLooksLikeJsonCannotAddFields() {
        byte[] body =
                LoginBodies.body(
                        "{\"u\":\"{username}\",\"p\":\"{password}\"}",
                        "x",
                        "\",\"Admin\":true,\"x\":\"",
                        null);

        JsonNode tree = JSON.readTree(body);
        assertThat(tree.propertyNames()).containsExactly("u", "p");
        assertThat(tree.get("p").asString()).isEqualTo("\",\"Admin\":true,\"x\":\"");
    }

    @Test
    void aValueThatLooksLikeAPlaceholderIsNotExpanded() {
        byte[] body =
                LoginBodies.body(
                        "{\"u\":\"{username}\",\"p\":\"{password}\"}",
                        "{password}",
                        "secret",
                        null);

        JsonNode tree = JSON.readTree(body);
        assertThat(tree.get("u").asString()).isEqualTo("{password}");
    }

    @Test
    void placeholdersInKeysAndNestedValuesAndPartsOfStrings() {
        byte[] body =
                LoginBodies.body(
                        "{\"{username}\":[\"Key {api_key}\",{\"deep\":\"{password}\"}],\"n\":1}",
                        "u",
                        "pw",
                        "k1");

        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("{\"{username}\":[\"Key k1\",{\"deep\":\"pw\"}],\"n\":1}");
    }

    @Test
    void theTokenIsReadAtThePointer() {
        byte[] answer =
                "{\"data\":{\"access_token\":\"abc.def\"}}".getBytes(StandardCharsets.UTF_8);
        LoginBodies.Token t = LoginBodies.token(answer, "/data/access_token");
        assertThat(t.value()).isEqualTo("abc.def");
        assertThat(t.toString()).doesNotContain("abc.def");
    }

    @Test
    void aMissingNonTextOrUnsafeTokenIsRefused() {
        assertThat(LoginBodies.token("{}".getBytes(), "/SessionId").problem())
                .isEqualTo(LoginBodies.TokenProblem.MISSING);
        assertThat(LoginBodies.token("{\"SessionId\":{}}".getBytes(), "/SessionId").problem())
                .isEqualTo(LoginBodies.TokenProblem.MISSING);
        assertThat(LoginBodies.token("<html>".getBytes(), "/SessionId").problem())
                .isEqualTo(LoginBodies.TokenProblem.NOT_JSON);
        assertThat(
                        LoginBodies.token(
                                        "{\"SessionId\":\"a\\r\\nX-Evil: 1\"}".getBytes(),
                                        "/SessionId")
                                .problem())
                .isEqualTo(LoginBodies.TokenProblem.INVALID);
    }
}
