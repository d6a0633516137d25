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
 * {@code /v1/gateway/policies}: one test per HTTP outcome of each route, cross-tenant 404s, audit.
 */
class PoliciesApiIT {

    static final String MISSING = "pol_00000000000000000000000000";

    static TestNode node;
    static Http http;
    static HolderFixture holders;
    static Tenancy.TestTenant alice;
    static Tenancy.TestTenant bob;
    static String aliceReader;
    static String aliceOutsider;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
        holders = new HolderFixture(node);
        alice = Tenancy.newTenant(node);
        bob = Tenancy.newTenant(node);
        aliceReader = Tenancy.newKey(node, alice, List.of("gateway:read"))[1];
        aliceOutsider = Tenancy.newKey(node, alice, List.of("apps:read"))[1];
    }

    static Map<String, String> rule(String method, String path) {
        return Map.of("method", method, "path", path);
    }

    static String body(String holderField, String holderId, Object rules) {
        return Http.json(
                "name",
                "Partner read",
                holderField,
                holderId,
                "rules",
                rules,
                "schedule_exempt",
                false);
    }

    static JsonNode create(Tenancy.TestTenant tenant, String holderField, String holderId) {
        Http.Response r =
                http.post(
                        "/v1/gateway/policies",
                        tenant.adminKey(),
                        body(holderField, holderId, List.of(rule("GET", "/customers/{id}"))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static Http.Response put(String path, String key, String json) {
        return http.send("PUT", path, key, json, Map.of());
    }

    static JsonNode audit(Tenancy.TestTenant tenant, String action, String target) {
        Http.Response r =
                http.get(
                        "/v1/audit-events?action=" + action + "&target=" + target,
                        tenant.adminKey());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("data");
    }

    private static String withoutRef(Http.Response r) {
        return r.body().replaceAll("\"ref\":\"[^\"]*\"", "");
    }

    @Test
    void createdOnAnAccountAnswers201AtVersion1AndIsAudited() {
        HolderFixture.Account account = holders.account(alice);
        JsonNode p = create(alice, "account_id", account.publicId());
        assertThat(p.get("id").asString()).startsWith("pol_");
        assertThat(p.get("account_id").asString()).isEqualTo(account.publicId());
        assertThat(p.get("credential_id").isNull()).isTrue();
        assertThat(p.get("version").asInt()).isEqualTo(1);
        assertThat(p.get("rules").get(0).get("path").asString()).isEqualTo("/customers/{id}");
        JsonNode events = audit(alice, "gateway_policy.created", p.get("id").asString());
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("details").get("rules").get(0).asString())
                .isEqualTo("GET /customers/{id}");
        assertThat(events.get(0).get("details").get("version").asInt()).isEqualTo(1);
    }

    @Test
    void createdOnACredentialSetAnswers201() {
        HolderFixture.Credential cred = holders.credential(alice, holders.account(alice));
        JsonNode p = create(alice, "credential_id", cred.publicId());
        assertThat(p.get("credential_id").asString()).isEqualTo(cred.publicId());
        assertThat(p.get("account_id").isNull()).isTrue();
    }

    @Test
    void badRulesAnswer400WithEveryFieldAndCreateNothing() {
        HolderFixture.Account account = holders.account(alice);
        Http.Response r =
                http.post(
                        "/v1/gateway/policies",
                        alice.adminKey(),
                        body(
                                "account_id",
                                account.publicId(),
                                List.of(rule("get", "/a"), rule("GET", "/a/**/b"))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body())
                .contains("rules[0].method", "rules[1].path", "only as the last segment");
        assertThat(http.get("/v1/gateway/policies?limit=100", alice.adminKey()).body())
                .doesNotContain(account.publicId());
    }

    @Test
    void aHolderMustBeExactlyOneOfTheTenantsAccountsOrCredentialSets() {
        HolderFixture.Account account = holders.account(alice);
        HolderFixture.Credential cred = holders.credential(alice, account);
        List<Map<String, String>> rules = List.of(rule("GET", "/a"));
        Http.Response both =
                http.post(
                        "/v1/gateway/policies",
                        alice.adminKey(),
                        Http.json(
                                "name",
                                "x",
                                "account_id",
                                account.publicId(),
                                "credential_id",
                                cred.publicId(),
                                "rules",
                                rules));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("give exactly one of account_id and credential_id");
        Http.Response neither =
                http.post(
                        "/v1/gateway/policies",
                        alice.adminKey(),
                        Http.json("name", "x", "rules", rules));
        assertThat(neither.status()).isEqualTo(400);
        Http.Response wrongKind =
                http.post(
                        "/v1/gateway/policies",
                        alice.adminKey(),
                        body("account_id", cred.publicId(), rules));
        assertThat(wrongKind.status()).isEqualTo(400);
        assertThat(wrongKind.body()).contains("names no account");
    }

    @Test
    void anotherTenantsAccountIsRefusedLikeAMissingOne() {
        HolderFixture.Account bobs = holders.account(bob);
        Http.Response other =
                http.post(
                        "/v1/gateway/policies",
                        alice.adminKey(),
                        body("account_id", bobs.publicId(), List.of(rule("GET", "/a"))));
        Http.Response missing =
                http.post(
                        "/v1/gateway/policies",
                        alice.adminKey(),
                        body(
                                "account_id",
                                "acct_00000000000000000000000000",
                                List.of(rule("GET", "/a"))));
        assertThat(other.status()).isEqualTo(400);
        assertThat(withoutRef(other)).isEqualTo(withoutRef(missing));
    }

    @Test
    void creatingNeedsTheAdminScope() {
        HolderFixture.Account account = holders.account(alice);
        String json = body("account_id", account.publicId(), List.of(rule("GET", "/a")));
        assertThat(http.post("/v1/gateway/policies", aliceReader, json).status()).isEqualTo(403);
        assertThat(http.post("/v1/gateway/policies", null, json).status()).isEqualTo(401);
    }

    @Test
    void listAnswers200WithOnlyTheTenantsPolicies() {
        JsonNode mine = create(alice, "account_id", holders.account(alice).publicId());
        JsonNode bobs = create(bob, "account_id", holders.account(bob).publicId());
        Http.Response r = http.get("/v1/gateway/policies?limit=100", aliceReader);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(mine.get("id").asString());
        assertThat(r.body()).doesNotContain(bobs.get("id").asString());
    }

    @Test
    void listFiltersByAccountOrCredentialSet() {
        HolderFixture.Account account = holders.account(alice);
        HolderFixture.Credential cred = holders.credential(alice, account);
        String onAccount = create(alice, "account_id", account.publicId()).get("id").asString();
        String onCred = create(alice, "credential_id", cred.publicId()).get("id").asString();
        JsonNode byAccount =
                http.get("/v1/gateway/policies?account_id=" + account.publicId(), aliceReader)
                        .json()
                        .get("data");
        assertThat(byAccount).hasSize(1);
        assertThat(byAccount.get(0).get("id").asString()).isEqualTo(onAccount);
        JsonNode byCred =
                http.get("/v1/gateway/policies?credential_id=" + cred.publicId(), aliceReader)
                        .json()
                        .get("data");
        assertThat(byCred).hasSize(1);
        assertThat(byCred.get(0).get("id").asString()).isEqualTo(onCred);
        HolderFixture.Account bobs = holders.account(bob);
        create(bob, "account_id", bobs.publicId());
        assertThat(
                        http.get("/v1/gateway/policies?account_id=" + bobs.publicId(), aliceReader)
                                .json()
                                .get("data"))
                .isEmpty();
        assertThat(
                        http.get(
                                        "/v1/gateway/policies?account_id="
                                                + account.publicId()
                                                + "&credential_id="
                                                + cred.publicId(),
                                        aliceReader)
                                .status())
                .isEqualTo(400);
    }

    @Test
    void listWithABadLimitAnswers400() {
        assertThat(http.get("/v1/gateway/policies?limit=0", aliceReader).status()).isEqualTo(400);
    }

    @Test
    void readingNeedsAGatewayScope() {
        assertThat(http.get("/v1/gateway/policies", aliceOutsider).status()).isEqualTo(403);
        assertThat(http.get("/v1/gateway/policies", null).status()).isEqualTo(401);
    }

    @Test
    void getAnswers200ForTheTenantAnd404ForAnotherTenantAsForAMissingOne() {
        String id = create(bob, "account_id", holders.account(bob).publicId()).get("id").asString();
        assertThat(http.get("/v1/gateway/policies/" + id, bob.adminKey()).status()).isEqualTo(200);
        Http.Response other = http.get("/v1/gateway/policies/" + id, alice.adminKey());
        Http.Response missing = http.get("/v1/gateway/policies/" + MISSING, alice.adminKey());
        assertThat(other.status()).isEqualTo(404);
        assertThat(withoutRef(other)).isEqualTo(withoutRef(missing));
        assertThat(http.get("/v1/gateway/policies/nonsense", alice.adminKey()).status())
                .isEqualTo(404);
    }

    @Test
    void putReplacesTheRulesOneVersionUpAndAuditsBeforeAndAfter() {
        HolderFixture.Account account = holders.account(alice);
        String id = create(alice, "account_id", account.publicId()).get("id").asString();
        Http.Response r =
                put(
                        "/v1/gateway/policies/" + id,
                        alice.adminKey(),
                        Http.json(
                                "name",
                                "Narrowed",
                                "account_id",
                                account.publicId(),
                                "rules",
                                List.of(rule("GET", "/customers/42")),
                                "schedule_exempt",
                                true));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("version").asInt()).isEqualTo(2);
        assertThat(r.json().get("name").asString()).isEqualTo("Narrowed");
        assertThat(r.json().get("schedule_exempt").asBoolean()).isTrue();
        JsonNode events = audit(alice, "gateway_policy.updated", id);
        assertThat(events).hasSize(1);
        JsonNode details = events.get(0).get("details");
        assertThat(details.get("from").get("version").asInt()).isEqualTo(1);
        assertThat(details.get("to").get("version").asInt()).isEqualTo(2);
        assertThat(details.get("to").get("rules").get(0).asString()).isEqualTo("GET /customers/42");
    }

    @Test
    void putWithBadRulesAnswers400AndChangesNothing() {
        HolderFixture.Account account = holders.account(alice);
        String id = create(alice, "account_id", account.publicId()).get("id").asString();
        Http.Response r =
                put(
                        "/v1/gateway/policies/" + id,
                        alice.adminKey(),
                        body("account_id", account.publicId(), List.of(rule("GET", "/a/../b"))));
        assertThat(r.status()).isEqualTo(400);
        JsonNode now = http.get("/v1/gateway/policies/" + id, alice.adminKey()).json();
        assertThat(now.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void putOnAnotherTenantsPolicyAnswers404AndChangesNothing() {
        HolderFixture.Account bobs = holders.account(bob);
        String id = create(bob, "account_id", bobs.publicId()).get("id").asString();
        Http.Response r =
                put(
                        "/v1/gateway/policies/" + id,
                        alice.adminKey(),
                        body(
                                "account_id",
                                holders.account(alice).publicId(),
                                List.of(rule("*", "/**"))));
        assertThat(r.status()).isEqualTo(404);
        assertThat(
                        http.get("/v1/gateway/policies/" + id, bob.adminKey())
                                .json()
                                .get("version")
                                .asInt())
                .isEqualTo(1);
    }

    @Test
    void putNeedsTheAdminScope() {
        HolderFixture.Account account = holders.account(alice);
        String id = create(alice, "account_id", account.publicId()).get("id").asString();
        assertThat(
                        put(
                                        "/v1/gateway/policies/" + id,
                                        aliceReader,
                                        body(
                                                "account_id",
                                                account.publicId(),
                                                List.of(rule("*", "/**"))))
                                .status())
                .isEqualTo(403);
    }

    @Test
    void deleteAnswers204ThenTheRouteAnswers404AndTheDeletionIsAudited() {
        String id =
                create(alice, "account_id", holders.account(alice).publicId()).get("id").asString();
        assertThat(http.delete("/v1/gateway/policies/" + id, aliceReader).status()).isEqualTo(403);
        assertThat(http.delete("/v1/gateway/policies/" + id, alice.adminKey()).status())
                .isEqualTo(204);
        assertThat(http.get("/v1/gateway/policies/" + id, alice.adminKey()).status())
                .isEqualTo(404);
        assertThat(http.delete("/v1/gateway/policies/" + id, alice.adminKey()).status())
                .isEqualTo(404);
        assertThat(audit(alice, "gateway_policy.deleted", id)).hasSize(1);
    }

    @Test
    void deleteOfAnotherTenantsPolicyAnswers404AndKeepsIt() {
        String id = create(bob, "account_id", holders.account(bob).publicId()).get("id").asString();
        assertThat(http.delete("/v1/gateway/policies/" + id, alice.adminKey()).status())
                .isEqualTo(404);
        assertThat(http.get("/v1/gateway/policies/" + id, bob.adminKey()).status()).isEqualTo(200);
    }
}
