package dev.gatehouse.kernel;

import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.ClusterSettings;
import dev.gatehouse.kernel.cluster.InvalidationHandler;
import dev.gatehouse.kernel.config.RootSecrets;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.ApiKeys;
import dev.gatehouse.kernel.keys.KeyHasher;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.keys.KeyVerifier;
import dev.gatehouse.kernel.keys.LastUseRecorder;
import dev.gatehouse.kernel.keys.ScopeCatalog;
import dev.gatehouse.kernel.logging.LogTail;
import dev.gatehouse.kernel.operator.TenantAdministration;
import dev.gatehouse.kernel.operator.TenantLimits;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.vault.SealedColumn;
import dev.gatehouse.kernel.vault.Vault;
import dev.gatehouse.kernel.vault.VaultKeys;
import dev.gatehouse.kernel.vault.VaultRotation;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

/** The kernel's beans that are not components of their own: time, randomness, keys, cluster. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class KernelConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The one source of randomness; on Linux the non-blocking kernel generator. */
    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Bean
    PublicIds publicIds(SecureRandom random) {
        return new PublicIds(random);
    }

    @Bean
    VaultKeys vaultKeys(Settings settings) {
        RootSecrets s = settings.secrets();
        return VaultKeys.of(
                s.appKey(),
                s.previousAppKeys(),
                s.credentialEncKey(),
                s.previousCredentialEncKeys());
    }

    @Bean
    Vault vault(VaultKeys keys, SecureRandom random) {
        return new Vault(keys, random);
    }

    /** Re-seals every registered sealed column; products contribute {@link SealedColumn} beans. */
    @Bean
    VaultRotation vaultRotation(
            Vault vault, Transactions tx, JdbcClient jdbc, ObjectProvider<SealedColumn> columns) {
        return new VaultRotation(vault, tx, jdbc, columns.orderedStream().toList());
    }

    /** The end of a day's log file, for products that show their logs ({@code LOG_PATH}). */
    @Bean
    LogTail logTail(Settings settings) {
        return new LogTail(settings.logs().path());
    }

    @Bean
    KeyHasher keyHasher(VaultKeys keys) {
        return new KeyHasher(keys.deriveFromEach("gatehouse/keyed-hash/api-keys/v1", 32));
    }

    @Bean
    ClusterInvalidations clusterInvalidations(
            DataSource dataSource, ObjectProvider<InvalidationHandler> handlers, Clock clock) {
        return new ClusterInvalidations(
                dataSource,
                () -> handlers.orderedStream().toList(),
                ClusterSettings.defaults(),
                clock);
    }

    @Bean
    SmartLifecycle clusterLifecycle(ClusterInvalidations cluster) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                cluster.start();
                running = true;
            }

            @Override
            public void stop() {
                cluster.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    @Bean
    LastUseRecorder lastUseRecorder(ApiKeys keys, Clock clock) {
        return new LastUseRecorder(keys, clock);
    }

    @Bean
    KeyVerifier keyVerifier(
            ApiKeys keys,
            KeyHasher hasher,
            ClusterInvalidations cluster,
            LastUseRecorder lastUse,
            Clock clock,
            Settings settings,
            ScopeCatalog scopes) {
        return new KeyVerifier(
                keys,
                hasher,
                cluster,
                lastUse,
                clock,
                Duration.ofSeconds(settings.kernel().keyCacheSeconds()),
                scopes);
    }

    @Bean
    KeyIssuer keyIssuer(
            ApiKeys keys,
            KeyHasher hasher,
            KeyVerifier verifier,
            PublicIds ids,
            Transactions tx,
            SecureRandom random,
            Clock clock,
            AuditLog audit,
            ScopeCatalog scopes) {
        return new KeyIssuer(keys, hasher, verifier, ids, tx, random, clock, audit, scopes);
    }

    /** Every scope the kernel and the installed products declare. */
    @Bean
    ScopeCatalog scopeCatalog(Settings settings) {
        return settings.products().modules().scopes();
    }

    @Bean
    TenantAdministration tenantAdministration(
            Tenants tenants,
            KeyIssuer issuer,
            KeyVerifier verifier,
            PublicIds ids,
            Transactions tx,
            Clock clock,
            AuditLog audit,
            UserAdministration users,
            org.springframework.context.ApplicationEventPublisher events,
            ObjectProvider<TenantLimits> limits) {
        return new TenantAdministration(
                tenants,
                issuer,
                verifier,
                ids,
                tx,
                clock,
                audit,
                users,
                events,
                limits.orderedStream().toList());
    }

    @Bean
    LastUseFlush lastUseFlush(LastUseRecorder recorder) {
        return new LastUseFlush(recorder);
    }

    /** Flushes key last-use times on a schedule and once more at shutdown. */
    static final class LastUseFlush {
        private final LastUseRecorder recorder;

        LastUseFlush(LastUseRecorder recorder) {
            this.recorder = recorder;
        }

        @Scheduled(fixedDelayString = "${gatehouse.kernel.last-used-flush-ms:30000}")
        void flush() {
            recorder.flush();
        }

        @jakarta.annotation.PreDestroy
        void atShutdown() {
            recorder.flush();
        }
    }
}
