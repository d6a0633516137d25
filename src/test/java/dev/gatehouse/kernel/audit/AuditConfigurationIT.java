package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.tenancy.Transactions;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Clock;

class AuditConfigurationIT {

    @Test
    void configurationWiresTheLogAndDrainsAndSealsOnClose() {
        try (AuditDatabase.Databases db = AuditDatabase.fresh()) {
            var context = new AnnotationConfigApplicationContext();
            JdbcClient jdbc = JdbcClient.create(db.app());
            context.registerBean(JdbcClient.class, () -> jdbc);
            context.registerBean(
                    Transactions.class,
                    () ->
                            new Transactions(
                                    new TransactionTemplate(
                                            new DataSourceTransactionManager(db.app())),
                                    jdbc));
            context.registerBean(JsonMapper.class, () -> JsonMapper.builder().build());
            context.registerBean(Clock.class, Clock::systemUTC);
            context.registerBean(SecureRandom.class, () -> new SecureRandom());
            context.registerBean(MeterRegistry.class, () -> new SimpleMeterRegistry());
            context.register(AuditConfiguration.class);
            context.refresh();

            AuditLog log = context.getBean(AuditLog.class);
            for (int i = 0; i < 50; i++) {
                log.recordAsync(AuditEntry.of(null, Actor.system("smoke"), "system.started"));
            }
            assertThat(context.getBean(AuditSettings.class)).isEqualTo(AuditSettings.defaults());
            assertThat(
                            context.getBean(MeterRegistry.class)
                                    .find("gatehouse.audit.queue.depth")
                                    .gauge())
                    .isNotNull();
            AuditVerifier verifier = context.getBean(AuditVerifier.class);
            context.close();

            JdbcClient owner = JdbcClient.create(db.owner());
            assertThat(owner.sql("select count(*) from audit_events").query(Long.class).single())
                    .isEqualTo(50);
            assertThat(owner.sql("select count(*) from audit_chain").query(Long.class).single())
                    .as("the schedule seals once more at shutdown")
                    .isEqualTo(50);
            assertThat(verifier.verifyPlatform()).isEqualTo(new Verification(true, 50, null));
        }
    }
}
