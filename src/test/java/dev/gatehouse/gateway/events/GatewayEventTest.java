package dev.gatehouse.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.Decision;
import dev.gatehouse.kernel.redaction.Redaction;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

class GatewayEventTest {

    private static final String PLANTED = "Pl4nted-S3cret-7c1e";
    private static final TenantId TENANT = new TenantId(42);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static GatewayEvent allowedRelay() {
        byte[] request =
                ("{\"CardCode\": \"C001\", \"api_password\": \"" + PLANTED + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] response =
                ("{\"DocEntry\": 7, \"SessionId\": \"" + PLANTED + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        return GatewayEvent.relay(TENANT)
                .ref("req_0123456789")
                .clientIp("203.0.113.9")
                .account("acct_a1")
                .actor("act_b2")
                .credential("cred_c3", "client_d4")
                .token("tok_e5")
                .request("POST", "/orders", "draft=1&access_token=" + PLANTED + "&key=" + PLANTED)
                .passed(GatewayEvent.Check.KILL_SWITCH)
                .passed(GatewayEvent.Check.TOKEN)
                .passed(GatewayEvent.Check.CREDENTIAL_STATE)
                .passed(GatewayEvent.Check.PATH)
                .passed(GatewayEvent.Check.CATALOG)
                .passed(GatewayEvent.Check.POLICY)
                .skipped(GatewayEvent.Check.SCHEDULE, "schedule_exempt")
                .passed(GatewayEvent.Check.RATE_LIMIT)
                .passed(GatewayEvent.Check.RELAY)
                .endpoint("ep_f6", "POST", "/orders")
                .rule(1, "*", "/orders/**")
                .policy(
                        new PolicySnapshot(
                                "pol_g7",
                                3,
                                List.of(
                                        new PolicySnapshot.Rule("GET", "/customers/*"),
                                        new PolicySnapshot.Rule("*", "/orders/**")),
                                true))
                .upstream(201, Duration.ofNanos(12_345_678))
                .responseStatus(201)
                .requestPreview(request, request.length, "application/json")
                .responsePreview(response, response.length, "application/json");
    }

    @Test
    void anAllowedRelayCarriesTheWholeDecisionAndNoSecret() {
        AuditEntry entry = allowedRelay().allowed();

        assertThat(entry.action()).isEqualTo(GatewayEvent.RELAY_ALLOWED);
        assertThat(entry.decision()).isEqualTo(Decision.ALLOW);
        assertThat(entry.tenant()).isEqualTo(TENANT);
        assertThat(entry.actor()).isEqualTo(Actor.credential("cred_c3", "client_d4"));
        assertThat(entry.target()).isNotNull();
        assertThat(entry.target().id()).isEqualTo("ep_f6");
        assertThat(entry.ref()).isEqualTo("req_0123456789");
        assertThat(entry.ip()).isEqualTo("203.0.113.9");

        JsonNode details = JSON.valueToTree(entry.details());
        String text = details.toString();
        assertThat(text).doesNotContain(PLANTED);
        assertThat(details.get("decision_path")).hasSize(9);
        assertThat(details.get("decision_path").get(6).get("result").asString()).isEqualTo("skip");
        assertThat(details.get("principal").toString())
                .contains("acct_a1", "act_b2", "cred_c3", "tok_e5");
        assertThat(details.get("request").get("query").asString())
                .isEqualTo("draft=1&access_token=[redacted]&key=[redacted]");
        assertThat(details.get("endpoint").get("path_template").asString()).isEqualTo("/orders");
        assertThat(details.get("rule").get("index").asInt()).isEqualTo(1);
        assertThat(details.get("policy").get("version").asLong()).isEqualTo(3);
        assertThat(details.get("policy").get("rules")).hasSize(2);
        assertThat(details.get("policy").get("schedule_exempt").asBoolean()).isTrue();
        assertThat(details.get("upstream").get("status").asInt()).isEqualTo(201);
        assertThat(details.get("upstream").get("latency_ms").asDouble()).isEqualTo(12.345);
        assertThat(details.get("response_status").asInt()).isEqualTo(201);
        assertThat(details.get("request_preview").asString())
                .contains("\"CardCode\":\"C001\"", "\"api_password\":\"[redacted]\"");
        assertThat(details.get("response_preview").asString())
                .contains("\"DocEntry\":7", "\"SessionId\":\"[redacted]\"");
    }

    @Test
    void theKernelsNameRedactionLeavesEveryIdReadable() {
        // The kernel masks any details field named like a secret when it stores the event; none of
        // the fields that hold ids, decisions or the policy may be named so.
        JsonNode details = JSON.valueToTree(allowedRelay().allowed().details());
        List<String> secretNamed = new ArrayList<>();
        collectSecretNamedFields(details, secretNamed);
        assertThat(secretNamed)
                .as("fields the kernel would mask")
                .containsExactlyInAnyOrder(); // previews are strings, so nothing else is named so
    }

    @Test
    void aDeniedRelayRecordsTheTrueReasonAndStopsAtTheFailedCheck() {
        AuditEntry entry =
                GatewayEvent.relay(TENANT)
                        .credential("cred_c3", "client_d4")
                        .token("tok_e5")
                        .request("GET", "/customers/1", null)
                        .passed(GatewayEvent.Check.KILL_SWITCH)
                        .failed(GatewayEvent.Check.TOKEN, "ip_not_allowed")
                        .responseStatus(401)
                        .denied("ip_not_allowed");

        assertThat(entry.action()).isEqualTo(GatewayEvent.RELAY_DENIED);
        assertThat(entry.decision()).isEqualTo(Decision.DENY);
        assertThat(entry.reason()).isEqualTo("ip_not_allowed");
        assertThat(entry.target()).isNull();
        JsonNode details = JSON.valueToTree(entry.details());
        assertThat(details.get("decision_path").toString())
                .isEqualTo(
                        "[{\"check\":\"kill_switch\",\"result\":\"pass\"},"
                                + "{\"check\":\"token\",\"result\":\"fail\","
                                + "\"reason\":\"ip_not_allowed\"}]");
        assertThat(details.get("request").has("query")).isFalse();
    }

    @Test
    void tokenEventsRedactTheIssuedTokenFromTheResponsePreview() {
        String gwt = "gwt_" + "AbCdEfGhIjKlMnOpQrStUv0123456789";
        byte[] answer =
                ("{\"access_token\":\"" + gwt + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
                        .getBytes(StandardCharsets.UTF_8);
        AuditEntry issued =
                GatewayEvent.tokenExchange(TENANT)
                        .credential("cred_c3", "client_d4")
                        .token("tok_e5")
                        .passed(GatewayEvent.Check.CLIENT)
                        .passed(GatewayEvent.Check.PASSWORD)
                        .passed(GatewayEvent.Check.API_KEY)
                        .passed(GatewayEvent.Check.CREDENTIAL_STATE)
                        .responseStatus(200)
                        .responsePreview(answer, answer.length, "application/json")
                        .allowed();
        assertThat(issued.action()).isEqualTo(GatewayEvent.TOKEN_ISSUED);
        assertThat(issued.target()).isNotNull();
        assertThat(issued.target().id()).isEqualTo("tok_e5");
        assertThat(JSON.valueToTree(issued.details()).toString())
                .doesNotContain(gwt)
                .contains("\\\"access_token\\\":\\\"[redacted]\\\"")
                .contains("expires_in");

        AuditEntry refused =
                GatewayEvent.tokenExchange(TENANT)
                        .presentedClientId("client_unknown")
                        .failed(GatewayEvent.Check.CLIENT, "client_unknown")
                        .responseStatus(401)
                        .denied("client_unknown");
        assertThat(refused.action()).isEqualTo(GatewayEvent.TOKEN_REFUSED);
        assertThat(refused.actor()).isEqualTo(Actor.system("gateway"));
        assertThat(refused.details().get("client_id")).isEqualTo("client_unknown");
    }

    @Test
    void theEventHasNoWayToTakeAHeader() {
        assertThat(GatewayEvent.class.getMethods())
                .extracting(m -> m.getName().toLowerCase(java.util.Locale.ROOT))
                .noneMatch(n -> n.contains("header") || n.contains("authorization"));
    }

    private static void collectSecretNamedFields(JsonNode node, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                if (Redaction.isSecretName(f.getKey())) {
                    out.add(f.getKey());
                }
                collectSecretNamedFields(f.getValue(), out);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collectSecretNamedFields(item, out);
            }
        }
    }
}
