package dev.gatehouse.kernel.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import javax.sql.DataSource;

/** The second wall: row-level security as the role requests run as. */
class RowLevelSecurityIT {

    static TestNode node;
    static JdbcClient app;
    static Transactions tx;
    static TenantId alice;
    static TenantId bob;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        app = JdbcClient.create(node.bean(DataSource.class));
        tx = node.bean(Transactions.class);
        Tenants tenants = node.bean(Tenants.class);
        SystemScope test = new SystemScope("test lookup");
        Tenancy.TestTenant a = Tenancy.newTenant(node);
        Tenancy.TestTenant b = Tenancy.newTenant(node);
        Tenancy.newKey(node, a, List.of("apps:read"));
        Tenancy.newKey(node, b, List.of("apps:read"));
        alice = tenants.findByPublicId(test, a.id()).orElseThrow().id();
        bob = tenants.findByPublicId(test, b.id()).orElseThrow().id();
    }

    @Test
    void aQueryWithoutATenantSeesNoRows() {
        assertThat(app.sql("select count(*) from api_keys").query(Long.class).single()).isZero();
        assertThat(app.sql("select count(*) from tenants").query(Long.class).single()).isZero();
    }

    @Test
    void aTenantSeesOnlyItsOwnRowsEvenWithoutAWhereClause() {
        List<Long> tenantsSeen =
                tx.inTenant(
                        alice,
                        () ->
                                app.sql("select distinct tenant_id from api_keys")
                                        .query(Long.class)
                                        .list());
        assertThat(tenantsSeen).containsExactly(alice.value());
        assertThat(
                        tx.inTenant(
                                alice,
                                () -> app.sql("select id from tenants").query(Long.class).list()))
                .containsExactly(alice.value());
    }

    @Test
    void aTenantCannotWriteRowsIntoAnotherTenant() {
        assertThatThrownBy(
                        () ->
                                tx.inTenant(
                                        alice,
                                        () ->
                                                app.sql(
                                                                "insert into api_keys (public_id,"
                                                                    + " tenant_id, name, hash,"
                                                                    + " last4, scopes, created_at)"
                                                                    + " values ('key_x', ?, 'x',"
                                                                    + " '\\x01', 'abcd', '{}',"
                                                                    + " now())")
                                                        .param(bob.value())
                                                        .update()))
                .rootCause()
                .hasMessageContaining("row-level security");
    }

    @Test
    void aTenantCannotUpdateAnotherTenantsRows() {
        int updated =
                tx.inTenant(
                        alice,
                        () ->
                                app.sql("update api_keys set name = 'hijacked' where tenant_id = ?")
                                        .param(bob.value())
                                        .update());
        assertThat(updated).isZero();
    }

    @Test
    void theSystemScopeSeesEveryTenant() {
        long seen =
                tx.inSystem(
                        new SystemScope("test"),
                        () ->
                                app.sql("select count(distinct tenant_id) from api_keys")
                                        .query(Long.class)
                                        .single());
        assertThat(seen).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aTenantTransactionCannotWidenToTheSystemScopeOrAnotherTenant() {
        assertThatThrownBy(
                        () ->
                                tx.inTenant(
                                        alice,
                                        () -> tx.inSystem(new SystemScope("escape"), () -> 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tx.inTenant(alice, () -> tx.inTenant(bob, () -> 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTenantBindingEndsWithItsTransaction() {
        tx.inTenant(
                alice, () -> app.sql("select count(*) from api_keys").query(Long.class).single());
        for (int i = 0; i < 20; i++) {
            assertThat(app.sql("select count(*) from api_keys").query(Long.class).single())
                    .isZero();
        }
    }

    @Test
    void theAppRoleIsNotTheOwnerAndCannotBypass() {
        assertThat(
                        app.sql(
                                        "select rolsuper or rolbypassrls from pg_roles where"
                                                + " rolname = current_user")
                                .query(Boolean.class)
                                .single())
                .isFalse();
        assertThat(
                        app.sql("select count(*) from pg_tables where tableowner = current_user")
                                .query(Long.class)
                                .single())
                .isZero();
        assertThatThrownBy(
                        () -> app.sql("alter table api_keys disable row level security").update())
                .rootCause()
                .hasMessageContaining("must be owner");
    }
}
