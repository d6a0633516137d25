package dev.gatehouse.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A gateway event stored through the kernel's audit log (group commit, kernel redaction) keeps its
 * ids and decision path readable and carries none of the secrets planted in it.
 */
class GatewayAuditIT {

    private static final String PLANTED = "Pl4nted-Rel4y-S3cret";
    private static final String TOKEN = "gwt_" + "Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2";

    @Test
    void aRelayEventIsStoredWithItsDecisionPathAndWithoutSecrets() {
        TestNode node = TestNode.shared();
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        TenantId id =
                node.bean(Tenants.class)
                        .findByPublicId(new SystemScope("test: tenant id"), tenant.id())
                        .orElseThrow()
                        .id();
        byte[] request =
                ("{\"UserName\": \"ana\", \"Password\": \""
                                + PLANTED
                                + "\", \"CompanyDB\": \"SBO\"}")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] response =
                ("note: forwarded with Authorization: Bearer " + TOKEN + " and api_key=" + PLANTED)
                        .getBytes(StandardCharsets.UTF_8);

        String evt =
                node.bean(AuditLog.class)
                        .recordDurably(
                                GatewayEvent.relay(id)
                                        .clientIp("198.51.100.7")
                                        .account("acct_x1")
                                        .actor("act_x2")
                                        .credential("cred_x3", "client_x4")
                                        .token("tok_x5")
                                        .request("POST", "/Login", "token=" + PLANTED + "&a=1")
                                        .passed(GatewayEvent.Check.KILL_SWITCH)
                                        .passed(GatewayEvent.Check.TOKEN)
                                        .passed(GatewayEvent.Check.POLICY)
                                        .endpoint("ep_x6", "POST", "/Login")
                                        .policy(
                                                new PolicySnapshot(
                                                        "pol_x7",
                                                        2,
                                                        List.of(
                                                                new PolicySnapshot.Rule(
                                                                        "POST", "/Login")),
                                                        false))
                                        .upstream(200, Duration.ofMillis(3))
                                        .responseStatus(200)
                                        .requestPreview(request, request.length, "application/json")
                                        .responsePreview(response, response.length, "text/plain")
                                        .allowed());

        Http.Response r =
                node.http()
                        .get(
                                "/v1/audit-events?action=" + GatewayEvent.RELAY_ALLOWED,
                                tenant.adminKey());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).doesNotContain(PLANTED).doesNotContain(TOKEN);
        JsonNode event = r.json().get("data").get(0);
        assertThat(event.get("id").asString()).isEqualTo(evt);
        assertThat(event.get("decision").asString()).isEqualTo("allow");
        assertThat(event.get("ip").asString()).isEqualTo("198.51.100.7");
        assertThat(event.get("actor").get("id").asString()).isEqualTo("cred_x3");
        assertThat(event.get("target").get("id").asString()).isEqualTo("ep_x6");
        JsonNode details = event.get("details");
        assertThat(details.get("principal").toString())
                .contains("acct_x1", "act_x2", "cred_x3", "tok_x5");
        assertThat(details.get("decision_path")).hasSize(3);
        assertThat(details.get("policy").get("id").asString()).isEqualTo("pol_x7");
        assertThat(details.get("request_preview").asString()).contains("\"CompanyDB\":\"SBO\"");
    }
}
