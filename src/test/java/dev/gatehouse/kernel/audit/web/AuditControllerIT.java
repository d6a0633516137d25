package dev.gatehouse.kernel.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditFixture;
import dev.gatehouse.kernel.audit.AuditSettings;
import dev.gatehouse.kernel.keys.ApiKeyAuthentication;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.CallerArgumentResolver;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;

class AuditControllerIT {

    private static AuditFixture audit;
    private static MockMvc mvc;
    private static TenantId tenant;
    private static TenantId other;

    /**
     * Stands in for the problem renderer in this standalone MockMvc. The never-active profile keeps
     * component scanning from adding it to integration-test nodes.
     */
    @RestControllerAdvice
    @org.springframework.context.annotation.Profile("standalone-test-only")
    static class Problems {
        @ExceptionHandler(ApiProblem.class)
        ResponseEntity<Map<String, Object>> problem(ApiProblem p) {
            return ResponseEntity.status(p.status())
                    .body(Map.of("code", p.code(), "errors", p.errors()));
        }
    }

    @BeforeAll
    static void start() {
        audit = new AuditFixture();
        tenant = audit.tenant("web");
        other = audit.tenant("web-other");
        for (int i = 0; i < 3; i++) {
            audit.log.record(
                    AuditEntry.of(tenant, Actor.apiKey("key_web", "ci"), "api_key.created")
                            .withTarget("api_key", "key_new" + i)
                            .allowed()
                            .withRequest("req_web_000" + i, "192.0.2.1", "curl/8")
                            .withDetails(Map.of("scopes", java.util.List.of("apps:read"))));
        }
        audit.event(other, "api_key.revoked");
        audit.sealer.sealNow();
        mvc =
                MockMvcBuilders.standaloneSetup(
                                new AuditController(
                                        audit.reader, audit.json, AuditSettings.defaults()))
                        .setControllerAdvice(new Problems())
                        .setCustomArgumentResolvers(new CallerArgumentResolver())
                        .build();
    }

    @AfterAll
    static void stop() {
        audit.close();
    }

    private static MockHttpServletRequestBuilder as(TenantId t, String uri) {
        return get(uri).requestAttr(
                        ApiKeyAuthentication.CALLER,
                        new Caller(
                                1,
                                "key_web",
                                "ci",
                                "abcd",
                                new Caller.TenantRef(t, "ten_web", "Web"),
                                java.util.Set.of(Scope.AUDIT_READ, Scope.KEYS_ADMIN)));
    }

    @Test
    void listAnswersSnakeCaseEventsWithACursor() throws Exception {
        String body =
                mvc.perform(as(tenant, "/v1/audit-events?limit=2"))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.data", hasSize(2)))
                        .andExpect(
                                jsonPath("$.data[0].id")
                                        .value(org.hamcrest.Matchers.startsWith("evt_")))
                        .andExpect(jsonPath("$.data[0].occurred_at").value("2026-11-25T10:00:00Z"))
                        .andExpect(jsonPath("$.data[0].user_agent").value("curl/8"))
                        .andExpect(jsonPath("$.data[0].actor.type").value("api_key"))
                        .andExpect(jsonPath("$.data[0].target.id").value("key_new2"))
                        .andExpect(jsonPath("$.data[0].tenant").value("ten_web"))
                        .andExpect(jsonPath("$.data[0].decision").value("allow"))
                        .andExpect(jsonPath("$.data[0].details.scopes[0]").value("apps:read"))
                        .andExpect(jsonPath("$.next_cursor").isString())
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        assertThat(body).doesNotContain("tenant_id").doesNotContain("\"event_id\"");
        String cursor = audit.json.readTree(body).get("next_cursor").stringValue();

        mvc.perform(as(tenant, "/v1/audit-events?limit=2&cursor=" + cursor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data", hasSize(1)))
                .andExpect(jsonPath("$.data[0].target.id").value("key_new0"))
                .andExpect(jsonPath("$.next_cursor").value(nullValue()));
    }

    @Test
    void filtersApplyAndAnotherTenantsEventsNeverShow() throws Exception {
        mvc.perform(as(tenant, "/v1/audit-events?action=api_key.revoked"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data", hasSize(0)));
        mvc.perform(as(tenant, "/v1/audit-events?ref=req_web_0001&decision=allow&target=key_new1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data", hasSize(1)));
    }

    @Test
    void badFiltersAnswer400WithFieldMessages() throws Exception {
        mvc.perform(
                        as(
                                tenant,
                                "/v1/audit-events?limit=0&decision=maybe&from=yesterday&action=Created"
                                    + "&cursor=zzz&ref=x&colour=red"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid_request"))
                .andExpect(jsonPath("$.errors[*].field", hasItem("limit")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("decision")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("from")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("action")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("cursor")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("ref")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("colour")));
        mvc.perform(as(tenant, "/v1/audit-events?limit=101")).andExpect(status().isBadRequest());
        mvc.perform(
                        as(
                                tenant,
                                "/v1/audit-events?from=2026-11-26T00:00:00Z&to=2026-11-25T00:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"));
    }

    @Test
    void withoutAnAuthenticatedTenantTheAnswerIs401() throws Exception {
        mvc.perform(get("/v1/audit-events")).andExpect(status().isUnauthorized());
        mvc.perform(get("/v1/audit-events/verify")).andExpect(status().isUnauthorized());
    }

    @Test
    void aKeyWithoutAuditReadIs403() throws Exception {
        var reader =
                get("/v1/audit-events")
                        .requestAttr(
                                ApiKeyAuthentication.CALLER,
                                new Caller(
                                        2,
                                        "key_apps",
                                        "apps",
                                        "wxyz",
                                        new Caller.TenantRef(tenant, "ten_web", "Web"),
                                        java.util.Set.of(new Scope("apps:read"))));
        mvc.perform(reader).andExpect(status().isForbidden());
    }

    @Test
    void exportStreamsNdjsonOfTheTenantOnly() throws Exception {
        String body =
                mvc.perform(as(tenant, "/v1/audit-events/export?action=api_key.created"))
                        .andExpect(status().isOk())
                        .andExpect(content().contentTypeCompatibleWith("application/x-ndjson"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString();
        String[] lines = body.split("\n");
        assertThat(lines).hasSize(3);
        for (String line : lines) {
            assertThat(audit.json.readTree(line).get("tenant").stringValue()).isEqualTo("ten_web");
        }
        mvc.perform(as(tenant, "/v1/audit-events/export?decision=nope"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void verifyAnswersOkOrNamesTheFirstBrokenEvent() throws Exception {
        TenantId tampered = audit.tenant("web-tampered");
        String victim = audit.event(tampered, "api_key.created");
        audit.sealer.sealNow();
        mvc.perform(as(tampered, "/v1/audit-events/verify"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .json(
                                        "{\"ok\":true,\"checked\":1}",
                                        org.springframework.test.json.JsonCompareMode.STRICT));

        audit.owner
                .sql("update audit_events set reason = 'edited' where public_id = ?")
                .param(victim)
                .update();

        mvc.perform(as(tampered, "/v1/audit-events/verify"))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .json(
                                        "{\"ok\":false,\"checked\":1,\"first_broken\":\""
                                                + victim
                                                + "\"}",
                                        org.springframework.test.json.JsonCompareMode.STRICT));
    }
}
