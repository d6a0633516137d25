package dev.gatehouse.gateway.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * {@code /v1/gateway/schedule} and {@code /v1/gateway/kill-switch}: one test per HTTP outcome of
 * each route, tenant isolation, audit.
 */
class ScheduleAndKillSwitchApiIT {

    static TestNode node;
    static Http http;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
    }

    static Http.Response put(String path, String key, String json) {
        return http.send("PUT", path, key, json, Map.of());
    }

    static String schedule(String zone, List<String> days, String start, String end, boolean on) {
        return Http.json("timezone", zone, "days", days, "start", start, "end", end, "enabled", on);
    }

    static JsonNode audit(Tenancy.TestTenant tenant, String action) {
        Http.Response r = http.get("/v1/audit-events?action=" + action, tenant.adminKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    @Test
    void aTenantWithoutAScheduleHasTheDefault() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        String reader = Tenancy.newKey(node, t, List.of("gateway:read"))[1];
        Http.Response r = http.get("/v1/gateway/schedule", reader);
        assertThat(r.status()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("timezone").asString()).isEqualTo("Asia/Karachi");
        assertThat(s.get("days").toString()).isEqualTo("[\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\"]");
        assertThat(s.get("start").asString()).isEqualTo("11:00");
        assertThat(s.get("end").asString()).isEqualTo("20:00");
        assertThat(s.get("enabled").asBoolean()).isTrue();
        assertThat(s.get("updated_at").isNull()).isTrue();
        assertThat(s.get("open_now").isBoolean()).isTrue();
        assertThat(s.get("next_window_start").asString()).endsWith("+05:00");
    }

    @Test
    void putSetsTheScheduleForThisTenantOnlyAndIsAudited() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        Tenancy.TestTenant other = Tenancy.newTenant(node);
        Http.Response r =
                put(
                        "/v1/gateway/schedule",
                        t.adminKey(),
                        schedule(
                                "America/New_York", List.of("SAT", "SUN"), "22:00", "06:00", true));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("days").toString()).isEqualTo("[\"SAT\",\"SUN\"]");
        assertThat(r.json().get("updated_at").isNull()).isFalse();
        JsonNode again = http.get("/v1/gateway/schedule", t.adminKey()).json();
        assertThat(again.get("timezone").asString()).isEqualTo("America/New_York");
        assertThat(again.get("start").asString()).isEqualTo("22:00");
        assertThat(
                        http.get("/v1/gateway/schedule", other.adminKey())
                                .json()
                                .get("timezone")
                                .asString())
                .isEqualTo("Asia/Karachi");
        JsonNode events = audit(t, "gateway_schedule.updated");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("details").get("from").get("timezone").asString())
                .isEqualTo("Asia/Karachi");
        assertThat(events.get(0).get("details").get("to").get("timezone").asString())
                .isEqualTo("America/New_York");
    }

    @Test
    void aBadScheduleAnswers400WithEveryProblemAndChangesNothing() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        Http.Response r =
                put(
                        "/v1/gateway/schedule",
                        t.adminKey(),
                        schedule("Mars/Base", List.of("FUNDAY"), "25:00", "20:00", true));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("timezone", "days", "start");
        Http.Response missing =
                put("/v1/gateway/schedule", t.adminKey(), Http.json("timezone", "UTC"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("days", "enabled");
        assertThat(http.get("/v1/gateway/schedule", t.adminKey()).json().get("updated_at").isNull())
                .isTrue();
    }

    @Test
    void schedulesNeedGatewayScopes() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        String reader = Tenancy.newKey(node, t, List.of("gateway:read"))[1];
        String outsider = Tenancy.newKey(node, t, List.of("apps:read"))[1];
        String json = schedule("UTC", List.of("MON"), "09:00", "17:00", true);
        assertThat(put("/v1/gateway/schedule", reader, json).status()).isEqualTo(403);
        assertThat(put("/v1/gateway/schedule", null, json).status()).isEqualTo(401);
        assertThat(http.get("/v1/gateway/schedule", outsider).status()).isEqualTo(403);
        assertThat(http.get("/v1/gateway/schedule", null).status()).isEqualTo(401);
    }

    @Test
    void theKillSwitchIsReleasedUntilEngagedAndNamesWhoEngagedIt() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        Tenancy.TestTenant other = Tenancy.newTenant(node);
        String reader = Tenancy.newKey(node, t, List.of("gateway:read"))[1];
        JsonNode released = http.get("/v1/gateway/kill-switch", reader).json();
        assertThat(released.get("engaged").asBoolean()).isFalse();
        String keyId = http.get("/v1/whoami", t.adminKey()).json().get("key").get("id").asString();

        Http.Response engaged =
                put(
                        "/v1/gateway/kill-switch",
                        t.adminKey(),
                        Http.json("engaged", true, "reason", "ERP migration"));
        assertThat(engaged.status()).as(engaged.body()).isEqualTo(200);
        assertThat(engaged.json().get("engaged").asBoolean()).isTrue();
        assertThat(engaged.json().get("reason").asString()).isEqualTo("ERP migration");
        assertThat(engaged.json().get("engaged_by").asString()).isEqualTo(keyId);
        assertThat(engaged.json().get("engaged_at").isNull()).isFalse();
        assertThat(http.get("/v1/gateway/kill-switch", reader).json().get("engaged").asBoolean())
                .isTrue();
        assertThat(
                        http.get("/v1/gateway/kill-switch", other.adminKey())
                                .json()
                                .get("engaged")
                                .asBoolean())
                .isFalse();
        assertThat(audit(t, "gateway_kill_switch.engaged")).hasSize(1);

        Http.Response off =
                put("/v1/gateway/kill-switch", t.adminKey(), Http.json("engaged", false));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("engaged").asBoolean()).isFalse();
        assertThat(off.json().get("engaged_by").isNull()).isTrue();
        assertThat(audit(t, "gateway_kill_switch.released")).hasSize(1);
    }

    @Test
    void aBadKillSwitchBodyAnswers400() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        assertThat(put("/v1/gateway/kill-switch", t.adminKey(), Http.json("reason", "x")).status())
                .isEqualTo(400);
        assertThat(
                        put(
                                        "/v1/gateway/kill-switch",
                                        t.adminKey(),
                                        Http.json("engaged", true, "reason", "x".repeat(501)))
                                .status())
                .isEqualTo(400);
        assertThat(
                        http.get("/v1/gateway/kill-switch", t.adminKey())
                                .json()
                                .get("engaged")
                                .asBoolean())
                .isFalse();
    }

    @Test
    void theKillSwitchNeedsGatewayScopes() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        String reader = Tenancy.newKey(node, t, List.of("gateway:read"))[1];
        String outsider = Tenancy.newKey(node, t, List.of("apps:read"))[1];
        assertThat(put("/v1/gateway/kill-switch", reader, Http.json("engaged", true)).status())
                .isEqualTo(403);
        assertThat(put("/v1/gateway/kill-switch", null, Http.json("engaged", true)).status())
                .isEqualTo(401);
        assertThat(http.get("/v1/gateway/kill-switch", outsider).status()).isEqualTo(403);
        assertThat(http.get("/v1/gateway/kill-switch", null).status()).isEqualTo(401);
        assertThat(
                        http.get("/v1/gateway/kill-switch", t.adminKey())
                                .json()
                                .get("engaged")
                                .asBoolean())
                .isFalse();
    }
}
