package dev.gatehouse.kernel.audit;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the audit log. Needs beans of {@link Transactions}, {@link JdbcClient}, {@link JsonMapper},
 * {@link Clock} and {@link SecureRandom}; uses a {@link MeterRegistry} when there is one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditSettings.class)
class AuditConfiguration {

    private static final SystemScope WRITER_SCOPE = new SystemScope("audit: batching writer");

    @Bean
    ChainHash auditChainHash() {
        return new ChainHash();
    }

    @Bean
    AuditEventStore auditEventStore(JdbcClient jdbc, JsonMapper json) {
        return new AuditEventStore(jdbc, json);
    }

    @Bean
    AuditChainStore auditChainStore(JdbcClient jdbc) {
        return new AuditChainStore(jdbc);
    }

    @Bean
    BatchingAuditWriter batchingAuditWriter(
            AuditEventStore store,
            Transactions transactions,
            AuditSettings settings,
            ObjectProvider<MeterRegistry> meters) {
        BatchingAuditWriter.BatchSink sink =
                batch ->
                        transactions.inSystem(
                                WRITER_SCOPE,
                                () -> {
                                    store.insert(batch);
                                    return null;
                                });
        return new BatchingAuditWriter(
                sink,
                settings,
                Thread.ofPlatform().name("audit-writer").factory(),
                meters.getIfAvailable());
    }

    @Bean
    AuditLog auditLog(
            Transactions transactions,
            AuditEventStore store,
            BatchingAuditWriter writer,
            AuditSettings settings,
            JsonMapper json,
            Clock clock,
            SecureRandom random) {
        return new AuditLog(
                transactions,
                store,
                writer,
                new DetailsRedactor(json, settings.previewBytes()),
                new EventIds(clock, random),
                clock);
    }

    @Bean
    AuditSealer auditSealer(
            Transactions transactions,
            AuditChainStore chain,
            ChainHash hashes,
            Clock clock,
            AuditSettings settings) {
        return new AuditSealer(transactions, chain, hashes, clock, settings.sealBatch());
    }

    @Bean
    SealerSchedule auditSealerSchedule(AuditSealer sealer, AuditSettings settings) {
        return new SealerSchedule(
                sealer,
                settings.sealInterval(),
                Thread.ofPlatform().name("audit-sealer").daemon(true).factory());
    }

    @Bean
    AuditVerifier auditVerifier(
            Transactions transactions, AuditChainStore chain, ChainHash hashes) {
        return new AuditVerifier(transactions, chain, hashes);
    }

    @Bean
    AuditReader auditReader(
            Transactions transactions, AuditEventStore store, AuditVerifier verifier) {
        return new AuditEvents(transactions, store, verifier);
    }

    @Bean
    AuditPruner auditPruner(AuditLog log, JsonMapper json, Clock clock) {
        return new AuditPruner(log, json, clock);
    }
}
