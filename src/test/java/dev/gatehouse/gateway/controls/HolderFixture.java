package dev.gatehouse.gateway.controls;

import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Accounts, actors and credential sets written straight into the database as its owner (the
 * accounts and credentials API is another part of ERP Access), so policies have something to be
 * attached to.
 */
public final class HolderFixture {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PublicIds IDS = new PublicIds(RANDOM);

    private final JdbcClient owner;
    private final Clock clock;

    public HolderFixture(TestNode node) {
        this.owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        this.clock = node.bean(Clock.class);
    }

    /** An account: its public id and internal key. */
    public record Account(String publicId, long id) {}

    /** A credential set: its public id, internal key, and its account's internal key. */
    public record Credential(String publicId, long id, long accountId) {}

    public TenantId tenantId(Tenancy.TestTenant tenant) {
        return new TenantId(
                owner.sql("select id from tenants where public_id = ?")
                        .param(tenant.id())
                        .query(Long.class)
                        .single());
    }

    public Account account(Tenancy.TestTenant tenant) {
        String publicId = IDS.next("acct");
        long id =
                owner.sql(
                                "insert into gateway_accounts (public_id, tenant_id, name,"
                                        + " created_at, updated_at) values (?, ?, ?, ?, ?)"
                                        + " returning id")
                        .param(publicId)
                        .param(tenantId(tenant).value())
                        .param("Partner " + publicId)
                        .param(Timestamp.from(clock.instant()))
                        .param(Timestamp.from(clock.instant()))
                        .query(Long.class)
                        .single();
        return new Account(publicId, id);
    }

    public Credential credential(Tenancy.TestTenant tenant, Account account) {
        long tenantId = tenantId(tenant).value();
        Timestamp now = Timestamp.from(clock.instant());
        long actor =
                owner.sql(
                                "insert into gateway_actors (public_id, tenant_id, account_id,"
                                        + " name, created_at, updated_at) values (?, ?, ?, ?, ?,"
                                        + " ?) returning id")
                        .param(IDS.next("act"))
                        .param(tenantId)
                        .param(account.id())
                        .param("Integration")
                        .param(now)
                        .param(now)
                        .query(Long.class)
                        .single();
        String publicId = IDS.next("cred");
        long id =
                owner.sql(
                                "insert into gateway_credentials (public_id, tenant_id, actor_id,"
                                        + " client_id, password_hash, api_key_hash, created_at,"
                                        + " updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
                                        + " returning id")
                        .param(publicId)
                        .param(tenantId)
                        .param(actor)
                        .param("client_" + hex())
                        .param("$argon2id$placeholder")
                        .param(hex())
                        .param(now)
                        .param(now)
                        .query(Long.class)
                        .single();
        return new Credential(publicId, id, account.id());
    }

    private static String hex() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
