package dev.gatehouse.erpsync.sage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.erpsync.SageFixture;
import dev.gatehouse.erpsync.company.Company;
import dev.gatehouse.erpsync.step.StepCancellation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The pools of a company's databases on H2 in SQL Server mode: one per database, each opened on its
 * own database; rebuilt for a newer company version, closed on a change; statements cancelled by
 * their step.
 */
class SageDatabasesIT {

    private final SageFixture sage = SageFixture.create();
    private final SageDatabases databases = new SageDatabases(Duration.ofSeconds(30));

    @AfterEach
    void close() {
        databases.close();
        sage.close();
    }

    @Test
    void eachPoolIsOpenedOnItsOwnDatabase() {
        Company c = sage.company("co_one", 1);
        SageSql company = sql(c, SageDatabase.COMPANY);
        SageSql control = sql(c, SageDatabase.CONTROL);
        SageSql approvals = sql(c, SageDatabase.APPROVALS);

        assertThat(company.value("select count(*) from APVEN", Long.class)).isEqualTo(3);
        assertThat(
                        control.value(
                                "select count(*) from fesaParam where idCia = ?",
                                Long.class,
                                "COPDAT"))
                .isEqualTo(10);
        assertThat(
                        approvals.value(
                                "select count(*) from Autoriza_OC where Empresa = ?",
                                Long.class,
                                "COPDAT"))
                .isEqualTo(6);
        assertThatThrownBy(() -> company.value("select count(*) from fesaParam", Long.class))
                .isInstanceOf(SageFailure.class)
                .hasMessageStartingWith("company database:");
        assertThat(databases.openFor("co_one"))
                .containsExactlyInAnyOrder(
                        SageDatabase.COMPANY, SageDatabase.CONTROL, SageDatabase.APPROVALS);
    }

    @Test
    void sqlNamingAnotherDatabaseIsRefusedBeforeItIsSent() {
        SageSql company = sql(sage.company("co_two", 1), SageDatabase.COMPANY);
        for (String sql :
                new String[] {
                    "select * from FESA.dbo.fesaParam",
                    "select * from [FESA].[dbo].[fesaParam]",
                    "select * from FESA..fesaParam",
                    "USE [FESA]; select * from fesaParam"
                }) {
            assertThatThrownBy(() -> company.query(sql, (rs, n) -> 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aWriteThatChangesAnotherNumberOfRowsIsAFailure() {
        SageSql control = sql(sage.company("co_three", 1), SageDatabase.CONTROL);
        assertThatThrownBy(
                        () ->
                                control.updateExactly(
                                        1,
                                        "fesaPagosFocaltec status",
                                        "update fesaPagosFocaltec set status = ? where NoPagoSage ="
                                                + " ?",
                                        "PAID",
                                        "PY-NONE"))
                .isInstanceOf(SageWriteMismatch.class)
                .hasMessage("fesaPagosFocaltec status changed 0 rows, expected 1");
    }

    @Test
    void aNewerCompanyVersionGetsANewPoolAndAChangeClosesThem() {
        SageSql v1 = sql(sage.company("co_four", 1), SageDatabase.COMPANY);
        v1.value("select count(*) from APVEN", Long.class);
        assertThat(databases.openPools()).isEqualTo(1);

        sql(sage.company("co_four", 2), SageDatabase.COMPANY).value("select 1", Long.class);
        assertThat(databases.openPools()).isEqualTo(1);
        assertThatThrownBy(() -> v1.value("select 1", Long.class))
                .isInstanceOf(RuntimeException.class);

        sql(sage.company("co_four", 2), SageDatabase.CONTROL);
        databases.evict("co_four");
        assertThat(databases.openFor("co_four")).isEmpty();
        assertThat(databases.openPools()).isZero();
    }

    @Test
    void aLongStatementIsCancelledByItsStepAndTheThreadIsFreed() throws Exception {
        StepCancellation step = StepCancellation.forStep();
        SageSql company =
                databases.sql(
                        sage.company("co_five", 1),
                        SageFixture.secrets(),
                        SageDatabase.COMPANY,
                        step);
        CompletableFuture<Long> running =
                CompletableFuture.supplyAsync(
                        () ->
                                company.value(
                                        "select count(*) from SYSTEM_RANGE(1, 5000000000)"
                                                + " where mod(X, 7) = 3",
                                        Long.class));
        awaitOpen(step);

        step.cancel();

        assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StepCancellation.Cancelled.class);
        assertThat(step.open()).isZero();
    }

    private SageSql sql(Company c, SageDatabase db) {
        return databases.sql(c, SageFixture.secrets(), db, StepCancellation.NONE);
    }

    private static void awaitOpen(StepCancellation step) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (step.open() == 0 && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(step.open()).isEqualTo(1);
        Thread.sleep(100);
    }
}
