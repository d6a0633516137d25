package dev.gatehouse.kernel.config;

import dev.gatehouse.kernel.product.ProductModules;

import org.jspecify.annotations.Nullable;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        Mail mail,
        Products products,
        Kernel kernel,
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
                mode, dataDir, database, secrets, listeners, http, logs, mail, products, kernel,
                names);
    }

    /**
     * The settings section of type {@code type}, declared by an installed product.
     *
     * @throws IllegalArgumentException when no installed product declares it (a bug)
     */
    public <T extends Record> T section(Class<T> type) {
        return products.section(type);
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

    /**
     * Outgoing e-mail over SMTP ({@code SMTP_*}, {@code MAIL_TIMEOUT_MS}); without {@code
     * SMTP_HOST} nothing is sent and each kind of e-mail is logged as not sent, once.
     *
     * @param host {@code SMTP_HOST}, or null when e-mail is off
     * @param port {@code SMTP_PORT}: 25 with {@code none}, 587 with {@code starttls}, 465 with
     *     {@code tls} unless set
     * @param tls {@code SMTP_TLS}: {@code none}, {@code starttls} (required, not opportunistic) or
     *     {@code tls}
     * @param user {@code SMTP_USER}, with {@code SMTP_PASSWORD}, or neither
     * @param password {@code SMTP_PASSWORD}
     * @param from {@code SMTP_FROM}, required with {@code SMTP_HOST}
     * @param timeout {@code MAIL_TIMEOUT_MS}: connect, read and write timeouts each
     */
    public record Mail(
            @Nullable String host,
            int port,
            Tls tls,
            @Nullable String user,
            @Nullable String password,
            @Nullable String from,
            java.time.Duration timeout) {

        /** How the connection to the SMTP server is protected. */
        public enum Tls {
            NONE,
            STARTTLS,
            TLS
        }

        /** Whether e-mail is sent at all. */
        public boolean configured() {
            return host != null && from != null;
        }

        /** Never prints the password. */
        @Override
        public String toString() {
            return "Mail[host="
                    + host
                    + ", port="
                    + port
                    + ", tls="
                    + tls
                    + ", user="
                    + user
                    + ", password="
                    + (password == null ? "none" : "redacted")
                    + ", from="
                    + from
                    + ", timeout="
                    + timeout
                    + "]";
        }
    }

    /**
     * The installed products, which of them are switched on, and their settings sections.
     *
     * @param switches {@code GATEHOUSE_<NAME>_ENABLED} of each switchable product, by name
     * @param sections each product's settings record, by type
     */
    public record Products(
            ProductModules modules,
            Map<String, Boolean> switches,
            Map<Class<? extends Record>, Record> sections) {

        public Products {
            switches = Map.copyOf(switches);
            sections = Map.copyOf(sections);
        }

        /**
         * True when a product of this name is installed and not switched off. A product that is not
         * installed (or not yet written) is not enabled.
         */
        public boolean enabled(String name) {
            return modules.all().stream()
                    .anyMatch(m -> m.name().equals(name) && switches.getOrDefault(name, true));
        }

        <T extends Record> T section(Class<T> type) {
            Record section = sections.get(type);
            if (section == null) {
                throw new IllegalArgumentException(
                        "no installed product declares settings " + type.getName());
            }
            return type.cast(section);
        }
    }

    /** Kernel tuning. */
    public record Kernel(
            int keyCacheSeconds,
            int lastUsedFlushSeconds,
            int auditQueueCapacity,
            int auditPreviewBytes,
            String bootstrapAdminEmail) {}

    public boolean production() {
        return mode == Mode.PRODUCTION;
    }
}
