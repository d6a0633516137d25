package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Tenant;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * Object mother for identity ITs on the shared node: tenants, users with known passwords (set
 * directly, so fixtures spend none of an account's sign-in attempts), unique e-mails and client
 * addresses, and the audit rows as the table owner sees them.
 */
final class IdentityFixture {

    static final SystemScope TEST = new SystemScope("identity test fixture");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** A user and the password they sign in with. */
    record Member(UserRef ref, String password) {
        String email() {
            return ref.email();
        }
    }

    final TestNode node;
    final UserAdministration admin;
    final AccountSecurity security;
    final SignIn signIn;
    final Users users;
    final Passwords passwords;
    final Tenants tenants;
    final Clock clock;
    final JdbcClient owner;

    IdentityFixture(TestNode node) {
        this.node = node;
        this.admin = node.bean(UserAdministration.class);
        this.security = node.bean(AccountSecurity.class);
        this.signIn = node.bean(SignIn.class);
        this.users = node.bean(Users.class);
        this.passwords = node.bean(Passwords.class);
        this.tenants = node.bean(Tenants.class);
        this.clock = node.bean(Clock.class);
        this.owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
    }

    static IdentityFixture shared() {
        return new IdentityFixture(TestNode.shared());
    }

    TenantId newTenant() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        return tenants.findByPublicId(TEST, t.id()).orElseThrow().id();
    }

    void suspend(TenantId tenant) {
        Tenant t = tenants.find(tenant).orElseThrow();
        tenants.update(TEST, tenant, Tenant.Status.SUSPENDED, t.plan(), clock.instant());
    }

    static String email(String who) {
        return who + "." + COUNTER.incrementAndGet() + "." + System.nanoTime() + "@example.com";
    }

    /** A client address no other attempt in this JVM uses. */
    static String ip() {
        int n = COUNTER.incrementAndGet();
        return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    }

    Member owner(TenantId tenant) {
        Invitation created = admin.createOwner(tenant, email("owner"), "Owner");
        return withKnownPassword(tenant, ((Invitation.Invited) created).user());
    }

    Member invited(Member by, Role role) {
        Invitation created = admin.invite(by.ref(), email(role.wire()), "A " + role.wire(), role);
        if (!(created instanceof Invitation.Invited invited)) {
            throw new AssertionError("invitation refused: " + created);
        }
        return withKnownPassword(by.ref().tenant(), invited.user());
    }

    private Member withKnownPassword(TenantId tenant, User user) {
        String password = "fixture password " + COUNTER.incrementAndGet();
        StoredUser stored = users.find(tenant, user.publicId()).orElseThrow();
        users.updatePassword(tenant, stored.id(), passwords.hash(password), false, clock.instant());
        return new Member(signIn.current(tenant, user.publicId()).orElseThrow(), password);
    }

    /**
     * The audit rows about {@code userPublicId} (as actor or target), oldest first, as JSON text.
     */
    List<Map<String, Object>> auditAbout(String userPublicId) {
        return owner.sql(
                        "select action, decision, reason, actor_type, actor_id, actor_label,"
                            + " target_id, row_to_json(a)::text as json from audit_events a where"
                            + " actor_id = ? or target_id = ? order by id")
                .param(userPublicId)
                .param(userPublicId)
                .query()
                .listOfRows();
    }

    List<String> actions(String userPublicId) {
        return auditAbout(userPublicId).stream().map(r -> (String) r.get("action")).toList();
    }

    DataSource appDataSource() {
        return node.bean(DataSource.class);
    }
}
