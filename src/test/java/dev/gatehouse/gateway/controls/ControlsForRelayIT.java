package dev.gatehouse.gateway.controls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.policy.Admission;
import dev.gatehouse.gateway.policy.Catalog;
import dev.gatehouse.gateway.policy.CredentialKind;
import dev.gatehouse.gateway.policy.Decision;
import dev.gatehouse.gateway.policy.DenyReason;
import dev.gatehouse.gateway.policy.Endpoint;
import dev.gatehouse.gateway.policy.PathTemplate;
import dev.gatehouse.gateway.policy.Policy;
import dev.gatehouse.gateway.policy.RateCheck;
import dev.gatehouse.gateway.policy.RelayDecision;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@link Controls#forRelay}: what the relay reads per request, and that a change made through the
 * API holds for the very next read (deleting or narrowing a policy, the kill switch, the schedule).
 */
class ControlsForRelayIT {

    static TestNode node;
    static Http http;
    static HolderFixture holders;
    static Controls controls;

    static final Catalog CATALOG =
            new Catalog(
                    List.of(
                            new Endpoint(
                                    "ep_1",
                                    "GET",
                                    PathTemplate.parse("/customers/{id}").orElseThrow())));

    /** Monday 2026-12-14 13:00 PKT, inside the default schedule. */
    static final Instant OPEN = Instant.parse("2026-12-14T08:00:00Z");

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
        holders = new HolderFixture(node);
        controls = node.bean(Controls.class);
    }

    static String policy(
            Tenancy.TestTenant t, String field, String holder, String path, boolean exempt) {
        Http.Response r =
                http.post(
                        "/v1/gateway/policies",
                        t.adminKey(),
                        Http.json(
                                "name",
                                "p " + path,
                                field,
                                holder,
                                "rules",
                                List.of(Map.of("method", "GET", "path", path)),
                                "schedule_exempt",
                                exempt));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    static Decision decide(RelayControls c, String rawPath, Instant at) {
        return RelayDecision.decide(
                c.facts(
                        new Admission.Admitted(CredentialKind.STANDARD),
                        CATALOG,
                        "GET",
                        rawPath,
                        at),
                RateCheck.unlimited());
    }

    @Test
    void theCredentialSetsPoliciesComeBeforeItsAccountsAndOthersAreLeftOut() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        TenantId tenant = holders.tenantId(t);
        HolderFixture.Account account = holders.account(t);
        HolderFixture.Credential cred = holders.credential(t, account);
        HolderFixture.Credential sibling = holders.credential(t, account);
        String onAccount = policy(t, "account_id", account.publicId(), "/customers/*", false);
        String onCred = policy(t, "credential_id", cred.publicId(), "/customers/1", true);
        policy(t, "credential_id", sibling.publicId(), "/customers/2", false);
        policy(t, "account_id", holders.account(t).publicId(), "/customers/3", false);

        RelayControls c = controls.forRelay(tenant, account.id(), cred.id());
        assertThat(c.policies()).extracting(Policy::id).containsExactly(onCred, onAccount);
        assertThat(c.policies().getFirst().scheduleExempt()).isTrue();
        assertThat(c.policies().getFirst().rules().getFirst().toString())
                .isEqualTo("GET /customers/1");
        assertThat(c.killSwitch().engaged()).isFalse();
        assertThat(c.schedule().zone().getId()).isEqualTo("Asia/Karachi");
        assertThat(controls.forCredential(tenant, cred.publicId()).orElseThrow().policies())
                .extracting(Policy::id)
                .containsExactly(onCred, onAccount);
        assertThat(controls.forCredential(tenant, "cred_00000000000000000000000000")).isEmpty();
    }

    @Test
    void anotherTenantsRowsAreNeverRead() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        Tenancy.TestTenant other = Tenancy.newTenant(node);
        HolderFixture.Account account = holders.account(t);
        HolderFixture.Credential cred = holders.credential(t, account);
        policy(t, "credential_id", cred.publicId(), "/customers/*", false);
        assertThat(
                        http.send(
                                        "PUT",
                                        "/v1/gateway/kill-switch",
                                        t.adminKey(),
                                        Http.json("engaged", true),
                                        Map.of())
                                .status())
                .isEqualTo(200);
        RelayControls seenByOther =
                controls.forRelay(holders.tenantId(other), account.id(), cred.id());
        assertThat(seenByOther.policies()).isEmpty();
        assertThat(seenByOther.killSwitch().engaged()).isFalse();
        assertThat(controls.forCredential(holders.tenantId(other), cred.publicId())).isEmpty();
    }

    @Test
    void narrowingOrDeletingAPolicyHoldsForTheNextRead() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        TenantId tenant = holders.tenantId(t);
        HolderFixture.Account account = holders.account(t);
        HolderFixture.Credential cred = holders.credential(t, account);
        String id = policy(t, "account_id", account.publicId(), "/customers/*", false);
        assertThat(decide(controls.forRelay(tenant, account.id(), cred.id()), "/customers/7", OPEN))
                .isInstanceOf(Decision.Allow.class);

        Http.Response narrowed =
                http.send(
                        "PUT",
                        "/v1/gateway/policies/" + id,
                        t.adminKey(),
                        Http.json(
                                "name",
                                "narrow",
                                "account_id",
                                account.publicId(),
                                "rules",
                                List.of(Map.of("method", "GET", "path", "/customers/1"))),
                        Map.of());
        assertThat(narrowed.status()).isEqualTo(200);
        RelayControls after = controls.forRelay(tenant, account.id(), cred.id());
        assertThat(after.policies().getFirst().version()).isEqualTo(2);
        assertThat(((Decision.Deny) decide(after, "/customers/7", OPEN)).reason())
                .isEqualTo(DenyReason.POLICY_DENIED);
        assertThat(decide(after, "/customers/1", OPEN)).isInstanceOf(Decision.Allow.class);

        assertThat(http.delete("/v1/gateway/policies/" + id, t.adminKey()).status()).isEqualTo(204);
        assertThat(
                        ((Decision.Deny)
                                        decide(
                                                controls.forRelay(tenant, account.id(), cred.id()),
                                                "/customers/1",
                                                OPEN))
                                .reason())
                .isEqualTo(DenyReason.POLICY_DENIED);
    }

    @Test
    void theKillSwitchAndTheScheduleHoldForTheNextRead() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        TenantId tenant = holders.tenantId(t);
        HolderFixture.Account account = holders.account(t);
        HolderFixture.Credential cred = holders.credential(t, account);
        policy(t, "credential_id", cred.publicId(), "/customers/*", true);

        http.send(
                "PUT",
                "/v1/gateway/kill-switch",
                t.adminKey(),
                Http.json("engaged", true, "reason", "incident"),
                Map.of());
        RelayControls engaged = controls.forRelay(tenant, account.id(), cred.id());
        assertThat(engaged.killSwitch().reason()).isEqualTo("incident");
        assertThat(((Decision.Deny) decide(engaged, "/customers/1", OPEN)).reason())
                .isEqualTo(DenyReason.KILL_SWITCH_ENGAGED);
        http.send(
                "PUT",
                "/v1/gateway/kill-switch",
                t.adminKey(),
                Http.json("engaged", false),
                Map.of());
        assertThat(decide(controls.forRelay(tenant, account.id(), cred.id()), "/customers/1", OPEN))
                .isInstanceOf(Decision.Allow.class);

        Http.Response r =
                http.send(
                        "PUT",
                        "/v1/gateway/schedule",
                        t.adminKey(),
                        Http.json(
                                "timezone",
                                "UTC",
                                "days",
                                List.of("SAT"),
                                "start",
                                "00:00",
                                "end",
                                "01:00",
                                "enabled",
                                true),
                        Map.of());
        assertThat(r.status()).isEqualTo(200);
        RelayControls saturdays = controls.forRelay(tenant, account.id(), cred.id());
        assertThat(saturdays.schedule().zone().getId()).isEqualTo("UTC");
        assertThat(saturdays.schedule().isOpen(OPEN)).isFalse();
        // The policy is schedule-exempt: still allowed outside the window.
        assertThat(decide(saturdays, "/customers/1", OPEN)).isInstanceOf(Decision.Allow.class);
    }
}
