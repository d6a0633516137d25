package dev.gatehouse.gateway.upstream;

import dev.gatehouse.gateway.GatewayModule;
import dev.gatehouse.gateway.GatewaySettings;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.vault.SealedColumn;
import dev.gatehouse.kernel.web.ProblemRenderer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.InetAddress;
import java.time.Clock;

/**
 * Wires the upstream: one {@link UpstreamHttp} client per node, the system resolver, private
 * targets as {@code GATEWAY_ALLOW_PRIVATE_UPSTREAMS} says, https required in production, and the
 * two sealed columns for {@code gatehouse vault rotate}.
 */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    static final UpstreamRequests.Resolver SYSTEM_RESOLVER = InetAddress::getAllByName;

    @Bean(destroyMethod = "close")
    UpstreamHttp upstreamHttp(Settings settings) {
        return new UpstreamHttp(
                settings.section(GatewaySettings.class).allowPrivateUpstreams(), SYSTEM_RESOLVER);
    }

    @Bean
    UpstreamLogin upstreamLogin(UpstreamHttp http, Clock clock) {
        return new UpstreamLogin(http, clock);
    }

    @Bean
    UpstreamSessions upstreamSessions(
            Upstreams upstreams, UpstreamVault vault, UpstreamLogin login, Clock clock) {
        return new UpstreamSessions(upstreams, vault, login, clock);
    }

    @Bean
    UpstreamDirectory upstreamDirectory(
            Upstreams upstreams, ClusterInvalidations cluster, UpstreamSessions sessions) {
        return new UpstreamDirectory(upstreams, cluster, sessions);
    }

    @Bean
    UpstreamRelay upstreamRelay(
            UpstreamDirectory directory,
            UpstreamVault vault,
            UpstreamSessions sessions,
            UpstreamHttp http,
            ProblemRenderer problems,
            Clock clock) {
        return new UpstreamRelay(directory, vault, sessions, http, problems, clock);
    }

    @Bean
    UpstreamAdministration upstreamAdministration(
            Upstreams upstreams,
            UpstreamVault vault,
            UpstreamDirectory directory,
            UpstreamHttp http,
            UpstreamLogin login,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Settings settings,
            Clock clock) {
        UpstreamRequests requests =
                new UpstreamRequests(
                        settings.section(GatewaySettings.class),
                        settings.production(),
                        SYSTEM_RESOLVER);
        return new UpstreamAdministration(
                upstreams,
                requests,
                vault,
                directory,
                new UpstreamProbe(http, login, vault, clock),
                audit,
                tx,
                ids,
                clock);
    }

    /** Upstream secrets are re-sealed by {@code gatehouse vault rotate}. */
    @Bean
    SealedColumn gatewayUpstreamSecretColumn() {
        return new SealedColumn(
                GatewayModule.UPSTREAM_SECRETS,
                Upstreams.TABLE,
                "public_id",
                "tenant_id",
                Upstreams.SECRET_COLUMN);
    }

    /** So is the cached upstream session token. */
    @Bean
    SealedColumn gatewayUpstreamSessionColumn() {
        return new SealedColumn(
                GatewayModule.UPSTREAM_SECRETS,
                Upstreams.TABLE,
                "public_id",
                "tenant_id",
                Upstreams.SESSION_COLUMN);
    }
}
