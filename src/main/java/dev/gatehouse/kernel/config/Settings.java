package dev.gatehouse.kernel.config;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of a Gatehouse node, validated. Built once by {@link SettingsLoader} from defaults,
 * {@code .env}, and the environment; a node never starts with settings that did not pass.
 */
public record Settings(
        Mode mode,
        Path dataDir,
        Database database,
        RootSecrets secrets,
        Listeners listeners,
        Http http,
        Logs logs,
        Products products,
        Kernel kernel,
        Domains domains,
        List<String> developmentSecrets) {

    /**
     * @param developmentSecrets names of the root secrets taken from the generated development
     *     file, which the node warns about at every start
     */
    public Settings {
        developmentSecrets = List.copyOf(developmentSecrets);
    }

    Settings withDevelopmentSecrets(List<String> names) {
        return new Settings(
                mode, dataDir, database, secrets, listeners, http, logs, products, kernel, domains,
                names);
    }

    /** {@code GATEHOUSE_ENV}. */
    public enum Mode {
        DEVELOPMENT,
        PRODUCTION;

        static @Nullable Mode parse(String s) {
            return switch (s) {
                case "development" -> DEVELOPMENT;
                case "production" -> PRODUCTION;
                default -> null;
            };
        }
    }

    /**
     * Where the data lives. {@code url} empty means the embedded PostgreSQL under the data folder.
     *
     * @param url a {@code jdbc:postgresql://} URL, normalised from either accepted form
     * @param appRole the restricted role requests run as; created by the service at start
     */
    public record Database(
            Optional<String> url,
            @Nullable String user,
            @Nullable String password,
            String appRole,
            int poolSize) {

        public boolean embedded() {
            return url.isEmpty();
        }

        @Override
        public String toString() {
            return "Database[url="
                    + url.orElse("embedded")
                    + ", user="
                    + user
                    + ", appRole="
                    + appRole
                    + ", poolSize="
                    + poolSize
                    + "]";
        }
    }

    /** The public listener and the management listener. */
    public record Listeners(
            int serverPort,
            String serverAddress,
            int managementPort,
            String managementAddress,
            URI publicUrl) {}

    /** HTTP hygiene numbers. */
    public record Http(
            List<String> corsAllowedOrigins,
            List<String> trustedProxies,
            long maxBodyBytes,
            int rateLimitIpPerMinute,
            int rateLimitKeyPerMinute,
            boolean sharedRateLimits) {}

    /** Optional log files. */
    public record Logs(@Nullable Path path, int retentionDays, int maxTotalMb) {}

    /** Which products run on this node. */
    public record Products(boolean domains, boolean gateway, boolean sync) {}

    /** Kernel tuning. */
    public record Kernel(
            int keyCacheSeconds,
            int lastUsedFlushSeconds,
            int auditQueueCapacity,
            int auditPreviewBytes,
            String bootstrapAdminEmail) {}

    /**
     * Connect Domain.
     *
     * @param nameservers {@code host[:port]} the DNS checker asks; empty means the system resolvers
     * @param dnsTimeoutMillis per query, 500–30000
     * @param challengeLabel the label in front of the hostname for the ownership TXT record
     * @param verifyDeadline {@code pending}/{@code verified} connections fail after this
     * @param monitorInterval how often {@code live} connections are re-checked
     * @param reservedSuffixes hostnames equal to or under these are refused
     * @param defaultMaxConnections the connection limit of tenants without one of their own
     * @param webhooksAllowPrivateTargets whether webhooks may go to private and loopback addresses
     */
    public record Domains(
            List<String> nameservers,
            int dnsTimeoutMillis,
            String challengeLabel,
            java.time.Duration verifyDeadline,
            java.time.Duration monitorInterval,
            List<String> reservedSuffixes,
            int defaultMaxConnections,
            boolean webhooksAllowPrivateTargets) {

        public Domains {
            nameservers = List.copyOf(nameservers);
            reservedSuffixes = List.copyOf(reservedSuffixes);
        }
    }

    public boolean production() {
        return mode == Mode.PRODUCTION;
    }
}
