package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.access.AccessFixture;
import dev.gatehouse.kernel.identity.Invitation;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.PortalClient;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * The audit page of an event that was decided in steps (a relay refused by policy) shows its
 * decision path as a table, check by check with each result and what it noted, in English and
 * Spanish; an event without steps shows none.
 */
class AuditDecisionPathIT {

    static final String PASSWORD = "correct horse battery staple 42";

    @Test
    void aRefusedRelaysPageShowsEachCheckAndWhereItFailed() {
        TestNode node = TestNode.shared();
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        try (FakeUpstream erp = FakeUpstream.start()) {
            node.http()
                    .send(
                            "PUT",
                            "/v1/gateway/upstream",
                            t.adminKey(),
                            Http.json("base_url", erp.url("/erp"), "auth", Map.of("type", "none")),
                            Map.of());
            node.http()
                    .post(
                            "/v1/gateway/endpoints",
                            t.adminKey(),
                            Http.json("method", "GET", "path_template", "/customers/{id}"));
            AccessFixture.Issued c = AccessFixture.credential(node, t.adminKey());
            String token = AccessFixture.exchange(node, c);
            Http.Response refused =
                    node.http()
                            .send(
                                    "GET",
                                    "/gateway/v1/erp/customers/42",
                                    null,
                                    null,
                                    Map.of(
                                            "Authorization",
                                            "Bearer " + token,
                                            "x-api-key",
                                            c.xApiKey()));
            assertThat(refused.status()).isEqualTo(403);
        }
        String relayEvent = firstEventId(node, t, "gateway.relay.denied");
        String issuedEvent = firstEventId(node, t, "gateway.credential.issued");

        PortalClient portal = owner(node, t);
        String page = portal.get("/portal/audit/" + relayEvent).body();
        assertThat(page)
                .contains("<h2 id=\"decision-path\">Decision path</h2>")
                .containsSubsequence(
                        "<code>kill_switch</code>",
                        "<span class=\"badge allow\">pass</span>",
                        "<code>catalog</code>",
                        "<code>policy</code>",
                        "<span class=\"badge deny\">fail</span>",
                        "reason: no_rule_grants");
        assertThat(portal.get("/portal/audit/" + relayEvent, "es").body())
                .contains("Ruta de la decisión")
                .contains("Comprobación");
        assertThat(portal.get("/portal/audit/" + issuedEvent).body())
                .doesNotContain("id=\"decision-path\"")
                .contains("gateway.credential.issued");
    }

    static String firstEventId(TestNode node, Tenancy.TestTenant t, String action) {
        Http.Response r = node.http().get("/v1/audit-events?action=" + action, t.adminKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data").get(0).get("id").asString();
    }

    /** The tenant's owner, signed in to the portal with a changed password. */
    static PortalClient owner(TestNode node, Tenancy.TestTenant t) {
        TenantId tenant =
                node.bean(Tenants.class)
                        .findByPublicId(new SystemScope("test"), t.id())
                        .orElseThrow()
                        .id();
        String email = "owner-" + System.nanoTime() + "@example.com";
        var owner =
                (Invitation.Invited)
                        node.bean(UserAdministration.class).createOwner(tenant, email, "Owner");
        String otp = owner.password().reveal();
        PortalClient c = new PortalClient(node.env().get("PUBLIC_URL"));
        c.signInFirstTime(email, otp, PASSWORD);
        return c;
    }
}
