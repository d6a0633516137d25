package dev.gatehouse.gateway.access;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

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
 * One test per HTTP outcome of the access administration ({@code /v1/gateway/accounts}, actors,
 * credential sets, tokens); cross-tenant 404 on every route; secrets shown once.
 */
class AccessApiIT {

    static TestNode node;
    static Http http;
    static Tenancy.TestTenant tenant;
    static Tenancy.TestTenant other;
    static String reader;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
        tenant = Tenancy.newTenant(node);
        other = Tenancy.newTenant(node);
        reader = Tenancy.newKey(node, tenant, List.of("gateway:read"))[1];
    }

    // Accounts

    @Test
    void createdAccountIsActiveAndListed() {
        Http.Response r =
                http.post("/v1/gateway/accounts", tenant.adminKey(), Http.json("name", " Acme "));

        assertThat(r.status()).isEqualTo(201);
        String id = r.json().get("id").asString();
        assertThat(id).startsWith("acct_");
        assertThat(r.json().get("name").asString()).isEqualTo("Acme");
        assertThat(r.json().get("status").asString()).isEqualTo("active");
        assertThat(http.get("/v1/gateway/accounts/" + id, reader).json().get("id").asString())
                .isEqualTo(id);
        assertThat(http.get("/v1/gateway/accounts?limit=100", reader).body()).contains(id);
    }

    @Test
    void accountListPagesWithACursor() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        for (int i = 0; i < 3; i++) {
            AccessFixture.account(node, t.adminKey());
        }
        Http.Response first = http.get("/v1/gateway/accounts?limit=2", t.adminKey());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("data").size()).isEqualTo(2);
        String cursor = first.json().get("next_cursor").asString();
        Http.Response second =
                http.get("/v1/gateway/accounts?limit=2&cursor=" + cursor, t.adminKey());
        assertThat(second.json().get("data").size()).isEqualTo(1);
        assertThat(second.json().get("next_cursor").isNull()).isTrue();
    }

    @Test
    void accountWithoutNameOrWithUnknownStatusOrFieldIs400() {
        assertProblem(
                http.post("/v1/gateway/accounts", tenant.adminKey(), "{}"), 400, "invalid_request");
        assertProblem(
                http.post(
                        "/v1/gateway/accounts",
                        tenant.adminKey(),
                        Http.json("name", "x", "status", "closed")),
                400,
                "invalid_request");
        assertProblem(
                http.post(
                        "/v1/gateway/accounts",
                        tenant.adminKey(),
                        Http.json("name", "x", "tenant_id", 1)),
                400,
                "invalid_request");
    }

    @Test
    void changingAccountsNeedsTheAdminScope() {
        assertProblem(
                http.post("/v1/gateway/accounts", reader, Http.json("name", "x")),
                403,
                "forbidden");
        String id = AccessFixture.account(node, tenant.adminKey());
        assertProblem(
                http.patch("/v1/gateway/accounts/" + id, reader, Http.json("status", "suspended")),
                403,
                "forbidden");
    }

    @Test
    void accountRoutesWithoutAKeyAre401() {
        assertProblem(http.get("/v1/gateway/accounts", null), 401, "unauthorized");
    }

    @Test
    void unknownAccountIs404() {
        assertProblem(
                http.get("/v1/gateway/accounts/acct_0000000000000000000000000a", reader),
                404,
                "not_found");
        assertProblem(http.get("/v1/gateway/accounts/nonsense", reader), 404, "not_found");
    }

    @Test
    void accountIsSuspendedAndReactivatedByPatch() {
        String id = AccessFixture.account(node, tenant.adminKey());

        Http.Response suspended =
                http.patch(
                        "/v1/gateway/accounts/" + id,
                        tenant.adminKey(),
                        Http.json("status", "suspended"));
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.json().get("status").asString()).isEqualTo("suspended");
        Http.Response renamed =
                http.patch(
                        "/v1/gateway/accounts/" + id,
                        tenant.adminKey(),
                        Http.json("name", "Renamed", "status", "active"));
        assertThat(renamed.json().get("status").asString()).isEqualTo("active");
        assertThat(renamed.json().get("name").asString()).isEqualTo("Renamed");
    }

    @Test
    void patchWithABadStatusIs400AndChangesNothing() {
        String id = AccessFixture.account(node, tenant.adminKey());

        assertProblem(
                http.patch(
                        "/v1/gateway/accounts/" + id,
                        tenant.adminKey(),
                        Http.json("name", "Changed", "status", "paused")),
                400,
                "invalid_request");
        assertThat(http.get("/v1/gateway/accounts/" + id, reader).json().get("name").asString())
                .isEqualTo("Partner");
    }

    // Actors

    @Test
    void actorIsCreatedListedAndDisabled() {
        String account = AccessFixture.account(node, tenant.adminKey());
        Http.Response created =
                http.post(
                        "/v1/gateway/accounts/" + account + "/actors",
                        tenant.adminKey(),
                        Http.json("name", "ERP sync", "email", "erp@example.com"));
        assertThat(created.status()).isEqualTo(201);
        String actor = created.json().get("id").asString();
        assertThat(actor).startsWith("act_");
        assertThat(created.json().get("account_id").asString()).isEqualTo(account);

        Http.Response list = http.get("/v1/gateway/accounts/" + account + "/actors", reader);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data").get(0).get("id").asString()).isEqualTo(actor);

        Http.Response disabled =
                http.patch(
                        "/v1/gateway/actors/" + actor,
                        tenant.adminKey(),
                        Http.json("status", "disabled", "email", ""));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("status").asString()).isEqualTo("disabled");
        assertThat(disabled.json().get("email").isNull()).isTrue();
    }

    @Test
    void actorWithABadEmailOrStatusIs400() {
        String account = AccessFixture.account(node, tenant.adminKey());
        assertProblem(
                http.post(
                        "/v1/gateway/accounts/" + account + "/actors",
                        tenant.adminKey(),
                        Http.json("name", "x", "email", "not an email")),
                400,
                "invalid_request");
        String actor = AccessFixture.actor(node, tenant.adminKey(), account);
        assertProblem(
                http.patch(
                        "/v1/gateway/actors/" + actor,
                        tenant.adminKey(),
                        Http.json("status", "suspended")),
                400,
                "invalid_request");
    }

    @Test
    void changingActorsNeedsTheAdminScope() {
        String account = AccessFixture.account(node, tenant.adminKey());
        assertProblem(
                http.post(
                        "/v1/gateway/accounts/" + account + "/actors",
                        reader,
                        Http.json("name", "x")),
                403,
                "forbidden");
        String actor = AccessFixture.actor(node, tenant.adminKey(), account);
        assertProblem(
                http.patch("/v1/gateway/actors/" + actor, reader, Http.json("name", "y")),
                403,
                "forbidden");
    }

    // Credential sets

    @Test
    void issuedSecretsAreShownOnceAndNeverAgain() {
        AccessFixture.Issued c =
                AccessFixture.credential(
                        node,
                        tenant.adminKey(),
                        Map.of(
                                "rate_limit_per_minute",
                                120,
                                "allowed_ips",
                                List.of("203.0.113.0/24", "2001:db8::/32")));

        assertThat(c.clientId()).startsWith("gwc_");
        assertThat(c.apiPassword()).startsWith("gwp_").hasSize(47);
        assertThat(c.xApiKey()).startsWith("gwk_").hasSize(47);
        Http.Response list = http.get("/v1/gateway/actors/" + c.actorId() + "/credentials", reader);
        assertThat(list.status()).isEqualTo(200);
        JsonNode shown = list.json().get("data").get(0);
        assertThat(shown.get("id").asString()).isEqualTo(c.id());
        assertThat(shown.get("client_id").asString()).isEqualTo(c.clientId());
        assertThat(shown.get("rate_limit_per_minute").asInt()).isEqualTo(120);
        assertThat(shown.get("allowed_ips").size()).isEqualTo(2);
        assertThat(shown.get("admin_unrestricted").asBoolean()).isFalse();
        for (String body :
                List.of(
                        list.body(),
                        http.get("/v1/gateway/tokens", tenant.adminKey()).body(),
                        http.get("/v1/gateway/accounts/" + c.accountId(), reader).body())) {
            assertThat(body).doesNotContain(c.apiPassword()).doesNotContain(c.xApiKey());
            assertThat(body).doesNotContain("api_password").doesNotContain("x_api_key");
        }
    }

    @Test
    void adminUnrestrictedIsFlaggedWherePresented() {
        AccessFixture.Issued c =
                AccessFixture.credential(
                        node, tenant.adminKey(), Map.of("kind", "admin_unrestricted"));

        JsonNode shown =
                http.get("/v1/gateway/actors/" + c.actorId() + "/credentials", reader)
                        .json()
                        .get("data")
                        .get(0);
        assertThat(shown.get("kind").asString()).isEqualTo("admin_unrestricted");
        assertThat(shown.get("admin_unrestricted").asBoolean()).isTrue();
    }

    @Test
    void badCredentialSettingsAreEach400WithAClearMessage() {
        String account = AccessFixture.account(node, tenant.adminKey());
        String actor = AccessFixture.actor(node, tenant.adminKey(), account);
        Http.Response r =
                http.post(
                        "/v1/gateway/actors/" + actor + "/credentials",
                        tenant.adminKey(),
                        Http.json(
                                "kind",
                                "root",
                                "rate_limit_per_minute",
                                0,
                                "expires_at",
                                "2001-01-01T00:00:00Z",
                                "allowed_ips",
                                List.of("10.1.2.3/8", "nope")));

        assertProblem(r, 400, "invalid_request");
        assertThat(r.body())
                .contains("must be standard or admin_unrestricted")
                .contains("between 1 and 1000000, was 0")
                .contains("must be in the future")
                .contains("did you mean 10.0.0.0/8?")
                .contains("\\\"nope\\\" is not an IPv4 or IPv6 address");
        assertThat(
                        http.get("/v1/gateway/actors/" + actor + "/credentials", reader)
                                .json()
                                .get("data")
                                .size())
                .isZero();
    }

    @Test
    void issuingNeedsTheAdminScope() {
        String account = AccessFixture.account(node, tenant.adminKey());
        String actor = AccessFixture.actor(node, tenant.adminKey(), account);
        assertProblem(
                http.post("/v1/gateway/actors/" + actor + "/credentials", reader, "{}"),
                403,
                "forbidden");
    }

    @Test
    void revokedSetCannotBeRevokedOrRotatedAgain() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());

        Http.Response revoked =
                http.post("/v1/gateway/credentials/" + c.id() + ":revoke", tenant.adminKey(), null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("status").asString()).isEqualTo("revoked");
        assertProblem(
                http.post("/v1/gateway/credentials/" + c.id() + ":revoke", tenant.adminKey(), null),
                409,
                "conflict");
        assertProblem(
                http.post("/v1/gateway/credentials/" + c.id() + ":rotate", tenant.adminKey(), "{}"),
                409,
                "conflict");
    }

    @Test
    void rotationShowsNewSecretsOnceAndTheOldOnesStopAtOnce() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());

        Http.Response r =
                http.post("/v1/gateway/credentials/" + c.id() + ":rotate", tenant.adminKey(), "{}");

        assertThat(r.status()).isEqualTo(200);
        String password = r.json().get("api_password").asString();
        String key = r.json().get("x_api_key").asString();
        assertThat(password).startsWith("gwp_").isNotEqualTo(c.apiPassword());
        assertThat(key).startsWith("gwk_").isNotEqualTo(c.xApiKey());
        assertThat(r.json().get("client_id").asString()).isEqualTo(c.clientId());
        assertThat(http.get("/v1/gateway/actors/" + c.actorId() + "/credentials", reader).body())
                .doesNotContain(password)
                .doesNotContain(key);
        assertThat(
                        AccessFixture.token(
                                        http,
                                        AccessFixture.basic(c.clientId(), c.apiPassword()),
                                        c.xApiKey())
                                .status())
                .isEqualTo(401);
        assertThat(
                        AccessFixture.token(http, AccessFixture.basic(c.clientId(), password), key)
                                .status())
                .isEqualTo(200);
    }

    @Test
    void rotationWithAnOverlapKeepsTheOldSecretsWorking() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());

        Http.Response r =
                http.post(
                        "/v1/gateway/credentials/" + c.id() + ":rotate",
                        tenant.adminKey(),
                        Http.json("overlap_seconds", 3600));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("credential").get("previous_valid_until").isNull()).isFalse();
        assertThat(
                        AccessFixture.token(
                                        http,
                                        AccessFixture.basic(c.clientId(), c.apiPassword()),
                                        c.xApiKey())
                                .status())
                .isEqualTo(200);
        // The generations do not mix: the old password with the new key is refused.
        assertThat(
                        AccessFixture.token(
                                        http,
                                        AccessFixture.basic(c.clientId(), c.apiPassword()),
                                        r.json().get("x_api_key").asString())
                                .status())
                .isEqualTo(401);
    }

    @Test
    void rotationWithTooLongAnOverlapIs400() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());

        Http.Response r =
                http.post(
                        "/v1/gateway/credentials/" + c.id() + ":rotate",
                        tenant.adminKey(),
                        Http.json("overlap_seconds", 86401));

        assertProblem(r, 400, "invalid_request");
        assertThat(r.body()).contains("must be between 0 and 86400, was 86401");
        assertThat(
                        AccessFixture.token(
                                        http,
                                        AccessFixture.basic(c.clientId(), c.apiPassword()),
                                        c.xApiKey())
                                .status())
                .isEqualTo(200);
    }

    @Test
    void revokingAndRotatingNeedTheAdminScope() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());
        assertProblem(
                http.post("/v1/gateway/credentials/" + c.id() + ":revoke", reader, null),
                403,
                "forbidden");
        assertProblem(
                http.post("/v1/gateway/credentials/" + c.id() + ":rotate", reader, "{}"),
                403,
                "forbidden");
    }

    // Tokens

    @Test
    void tokensAreListedWithoutTheirValueAndRevoked() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());
        String token = AccessFixture.exchange(node, c);

        Http.Response list = http.get("/v1/gateway/tokens?credential_id=" + c.id(), reader);
        assertThat(list.status()).isEqualTo(200);
        JsonNode t = list.json().get("data").get(0);
        assertThat(t.get("id").asString()).startsWith("tok_");
        assertThat(t.get("credential_id").asString()).isEqualTo(c.id());
        assertThat(t.get("status").asString()).isEqualTo("active");
        assertThat(list.body()).doesNotContain(token);

        assertThat(
                        http.delete(
                                        "/v1/gateway/tokens/" + t.get("id").asString(),
                                        tenant.adminKey())
                                .status())
                .isEqualTo(204);
        assertThat(
                        http.get("/v1/gateway/tokens?credential_id=" + c.id(), reader)
                                .json()
                                .get("data")
                                .get(0)
                                .get("status")
                                .asString())
                .isEqualTo("revoked");
    }

    @Test
    void tokensOfAnUnknownCredentialSetAre404() {
        assertProblem(
                http.get(
                        "/v1/gateway/tokens?credential_id=cred_0000000000000000000000000a", reader),
                404,
                "not_found");
    }

    @Test
    void revokingATokenNeedsTheAdminScope() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());
        AccessFixture.exchange(node, c);
        String id =
                http.get("/v1/gateway/tokens?credential_id=" + c.id(), reader)
                        .json()
                        .get("data")
                        .get(0)
                        .get("id")
                        .asString();
        assertProblem(http.delete("/v1/gateway/tokens/" + id, reader), 403, "forbidden");
    }

    // Another tenant

    @Test
    void everyRouteAnswers404ForAnotherTenantsObjects() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());
        AccessFixture.exchange(node, c);
        String token =
                http.get("/v1/gateway/tokens?credential_id=" + c.id(), reader)
                        .json()
                        .get("data")
                        .get(0)
                        .get("id")
                        .asString();
        String key = other.adminKey();

        assertProblem(http.get("/v1/gateway/accounts/" + c.accountId(), key), 404, "not_found");
        assertProblem(
                http.patch(
                        "/v1/gateway/accounts/" + c.accountId(),
                        key,
                        Http.json("status", "suspended")),
                404,
                "not_found");
        assertProblem(
                http.get("/v1/gateway/accounts/" + c.accountId() + "/actors", key),
                404,
                "not_found");
        assertProblem(
                http.post(
                        "/v1/gateway/accounts/" + c.accountId() + "/actors",
                        key,
                        Http.json("name", "x")),
                404,
                "not_found");
        assertProblem(
                http.patch(
                        "/v1/gateway/actors/" + c.actorId(), key, Http.json("status", "disabled")),
                404,
                "not_found");
        assertProblem(
                http.post("/v1/gateway/actors/" + c.actorId() + "/credentials", key, "{}"),
                404,
                "not_found");
        assertProblem(
                http.get("/v1/gateway/actors/" + c.actorId() + "/credentials", key),
                404,
                "not_found");
        assertProblem(
                http.post("/v1/gateway/credentials/" + c.id() + ":revoke", key, null),
                404,
                "not_found");
        assertProblem(
                http.post("/v1/gateway/credentials/" + c.id() + ":rotate", key, "{}"),
                404,
                "not_found");
        assertProblem(
                http.get("/v1/gateway/tokens?credential_id=" + c.id(), key), 404, "not_found");
        assertProblem(http.delete("/v1/gateway/tokens/" + token, key), 404, "not_found");
        assertThat(http.get("/v1/gateway/accounts", key).body()).doesNotContain(c.accountId());
        assertThat(http.get("/v1/gateway/tokens", key).body()).doesNotContain(token);
        // Nothing changed for the owner.
        assertThat(
                        AccessFixture.token(
                                        http,
                                        AccessFixture.basic(c.clientId(), c.apiPassword()),
                                        c.xApiKey())
                                .status())
                .isEqualTo(200);
    }
}
