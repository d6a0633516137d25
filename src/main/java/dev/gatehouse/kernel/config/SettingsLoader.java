package dev.gatehouse.kernel.config;

import dev.gatehouse.kernel.product.ProductModule;
import dev.gatehouse.kernel.product.ProductModules;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds {@link Settings} from, later winning: built-in defaults, the generated development secrets
 * file, the {@code .env} file in the working directory, and the process environment. Every problem
 * is collected; if any is found, {@link InvalidConfiguration} lists them all.
 *
 * <p>Secrets are checked by {@link SecretRules}; in development, missing ones are generated once
 * into {@code <data dir>/dev-secrets.env} by {@link DevSecrets}. Each installed {@link
 * ProductModule} adds its switch ({@code GATEHOUSE_<NAME>_ENABLED}) and its settings sections, read
 * by the same {@link SettingsReader}, so their problems are listed with the kernel's.
 */
public final class SettingsLoader {

    private static final Pattern ROLE = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    private static final Pattern ORIGIN =
            Pattern.compile("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$");

    private final SecureRandom random;
    private final ProductModules products;

    private enum Backend {
        POSTGRES,
        MEMORY;

        static @Nullable Backend parse(String s) {
            return switch (s) {
                case "postgres" -> POSTGRES;
                case "memory" -> MEMORY;
                default -> null;
            };
        }
    }

    /** A loader for the products installed on the class path. */
    public SettingsLoader(SecureRandom random) {
        this(random, ProductModules.installed());
    }

    /** A loader for exactly {@code products}. */
    public SettingsLoader(SecureRandom random, ProductModules products) {
        this.random = random;
        this.products = products;
    }

    /**
     * Loads and validates the settings.
     *
     * @param environment the process environment (or a test's stand-in)
     * @param workingDir where {@code .env} is looked for and relative paths start
     * @throws InvalidConfiguration listing every problem found
     */
    public Settings load(Map<String, String> environment, Path workingDir) {
        List<ConfigProblem> fileProblems = new ArrayList<>();
        Map<String, String> dotEnv = DotEnv.read(workingDir.resolve(".env"), fileProblems);
        Map<String, String> merged = new HashMap<>(dotEnv);
        merged.putAll(environment);

        RawSettings pre = new RawSettings(merged);
        Settings.Mode mode =
                pre.choice(
                        "GATEHOUSE_ENV",
                        Settings.Mode.DEVELOPMENT,
                        Settings.Mode::parse,
                        "development, production");
        Path dataDir = workingDir.resolve(pre.string("GATEHOUSE_DATA_DIR", "data")).normalize();

        Map<String, String> all = new HashMap<>();
        List<String> devSecrets = List.of();
        if (mode == Settings.Mode.DEVELOPMENT && pre.problems().isEmpty()) {
            all.putAll(DevSecrets.ensure(dataDir, merged, random));
            devSecrets = DevSecrets.inUse(merged);
        }
        // A blank value means unset, so it must not hide a generated development secret.
        merged.forEach(
                (k, v) -> {
                    if (!v.isBlank()) {
                        all.put(k, v);
                    }
                });

        RawSettings raw = new RawSettings(all, mode == Settings.Mode.PRODUCTION);
        List<ConfigProblem> problems = new ArrayList<>(fileProblems);
        Settings settings =
                read(raw, mode, workingDir, dataDir, DevSecrets.existingValues(dataDir))
                        .withDevelopmentSecrets(devSecrets);
        problems.addAll(raw.problems());
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        return settings;
    }

    /**
     * Every setting name the loader reads; the {@code .env.example} test checks each is documented.
     */
    static java.util.Set<String> names() {
        RawSettings raw = new RawSettings(Map.of(), true);
        new SettingsLoader(new SecureRandom())
                .read(raw, Settings.Mode.PRODUCTION, Path.of("."), Path.of("data"), Map.of());
        java.util.Set<String> names = new java.util.TreeSet<>(raw.namesRead());
        names.addAll(DevSecrets.NAMES);
        return names;
    }

    private Settings read(
            RawSettings raw,
            Settings.Mode mode,
            Path workingDir,
            Path dataDir,
            Map<String, String> devValues) {
        raw.choice(
                "GATEHOUSE_ENV",
                Settings.Mode.DEVELOPMENT,
                Settings.Mode::parse,
                "development, production");
        raw.string("GATEHOUSE_DATA_DIR", "data");
        RootSecrets secrets = new SecretRules(raw, mode, devValues).read();
        int serverPort = raw.integer("SERVER_PORT", 8080, 1, 65535);
        Settings.Listeners listeners =
                new Settings.Listeners(
                        serverPort,
                        address(raw, "SERVER_ADDRESS", "0.0.0.0"),
                        raw.integer("MANAGEMENT_PORT", 9090, 1, 65535),
                        address(raw, "MANAGEMENT_ADDRESS", "127.0.0.1"),
                        publicUrl(raw, serverPort));
        if (listeners.serverPort() == listeners.managementPort()) {
            raw.problem("MANAGEMENT_PORT", "must differ from SERVER_PORT (" + serverPort + ")");
        }
        return new Settings(
                mode,
                dataDir,
                database(raw),
                secrets,
                listeners,
                http(raw),
                logs(raw, workingDir),
                mail(raw),
                products(raw),
                new Settings.Kernel(
                        raw.integer("KEY_CACHE_SECONDS", 60, 1, 3600),
                        raw.integer("LAST_USED_FLUSH_SECONDS", 30, 1, 3600),
                        raw.integer("AUDIT_QUEUE_CAPACITY", 10_000, 100, 1_000_000),
                        raw.integer("AUDIT_PREVIEW_BYTES", 2048, 256, 65_536),
                        email(raw, "BOOTSTRAP_ADMIN_EMAIL", "admin@gatehouse.local")),
                List.of());
    }

    private Settings.Products products(RawSettings raw) {
        Map<String, Boolean> switches = new HashMap<>();
        Map<Class<? extends Record>, Record> sections = new HashMap<>();
        for (ProductModule m : products.all()) {
            if (m.switchable()) {
                String name =
                        "GATEHOUSE_" + m.name().toUpperCase(java.util.Locale.ROOT) + "_ENABLED";
                switches.put(m.name(), raw.bool(name, true));
            }
            for (SettingsSection<?> section : m.settings()) {
                sections.put(section.type(), section.readFrom(raw));
            }
        }
        return new Settings.Products(products, switches, sections);
    }

    private static Settings.Database database(RawSettings raw) {
        Optional<String> url = raw.optional("DATABASE_URL");
        @Nullable String user = raw.optional("DATABASE_USER").orElse(null);
        @Nullable String password = raw.optional("DATABASE_PASSWORD").orElse(null);
        String appRole = raw.string("DATABASE_APP_ROLE", "gatehouse_app");
        int pool = raw.integer("DATABASE_POOL_SIZE", 10, 1, 200);
        if (!ROLE.matcher(appRole).matches()) {
            raw.problem("DATABASE_APP_ROLE", "must match " + ROLE.pattern());
        }
        if (url.isEmpty()) {
            return new Settings.Database(Optional.empty(), null, null, appRole, pool);
        }
        DatabaseUrl parsed = DatabaseUrl.parse(url.get());
        if (parsed == null) {
            raw.problem(
                    "DATABASE_URL",
                    "must be jdbc:postgresql://host:port/db or"
                            + " postgresql://user:pass@host:port/db");
            return new Settings.Database(Optional.empty(), user, password, appRole, pool);
        }
        String effectiveUser = user != null ? user : parsed.user();
        if (effectiveUser == null) {
            raw.problem(
                    "DATABASE_USER",
                    "is required with DATABASE_URL (or put user:password@ in the URL)");
        } else if (effectiveUser.equals(appRole)) {
            raw.problem(
                    "DATABASE_APP_ROLE",
                    "must differ from DATABASE_USER: requests must not run as the table owner");
        }
        return new Settings.Database(
                Optional.of(parsed.jdbcUrl()),
                effectiveUser,
                password != null ? password : parsed.password(),
                appRole,
                pool);
    }

    private static Settings.Http http(RawSettings raw) {
        List<String> origins = raw.list("CORS_ALLOWED_ORIGINS");
        origins.stream()
                .filter(o -> !ORIGIN.matcher(o).matches())
                .findFirst()
                .ifPresent(
                        o ->
                                raw.problem(
                                        "CORS_ALLOWED_ORIGINS",
                                        "\""
                                                + o
                                                + "\" is not an origin like"
                                                + " https://app.example.com"));
        List<String> proxies = raw.list("TRUSTED_PROXIES");
        proxies.stream()
                .filter(p -> !isIpOrCidr(p))
                .findFirst()
                .ifPresent(
                        p ->
                                raw.problem(
                                        "TRUSTED_PROXIES",
                                        "\"" + p + "\" is not an IP address or CIDR range"));
        return new Settings.Http(
                origins,
                proxies,
                raw.longValue("MAX_BODY_BYTES", 1_048_576, 1024, 104_857_600),
                raw.integer("RATE_LIMIT_IP_PER_MINUTE", 120, 1, 1_000_000),
                raw.integer("RATE_LIMIT_KEY_PER_MINUTE", 1200, 1, 1_000_000),
                raw.choice(
                                "RATE_LIMIT_BACKEND",
                                Backend.POSTGRES,
                                Backend::parse,
                                "postgres, memory")
                        == Backend.POSTGRES);
    }

    private static Settings.Logs logs(RawSettings raw, Path workingDir) {
        @Nullable Path path =
                raw.optional("LOG_PATH").map(p -> workingDir.resolve(p).normalize()).orElse(null);
        return new Settings.Logs(
                path,
                raw.integer("LOG_RETENTION_DAYS", 14, 1, 3650),
                raw.integer("LOG_MAX_TOTAL_MB", 1024, 1, 1_048_576));
    }

    private static Settings.Mail mail(RawSettings raw) {
        Settings.Mail.Tls tls =
                switch (raw.string("SMTP_TLS", "starttls").toLowerCase(java.util.Locale.ROOT)) {
                    case "none" -> Settings.Mail.Tls.NONE;
                    case "starttls" -> Settings.Mail.Tls.STARTTLS;
                    case "tls" -> Settings.Mail.Tls.TLS;
                    default -> {
                        raw.problem("SMTP_TLS", "must be none, starttls or tls");
                        yield Settings.Mail.Tls.STARTTLS;
                    }
                };
        int defaultPort =
                switch (tls) {
                    case NONE -> 25;
                    case STARTTLS -> 587;
                    case TLS -> 465;
                };
        @Nullable String host = raw.optional("SMTP_HOST").orElse(null);
        @Nullable String user = raw.optional("SMTP_USER").orElse(null);
        @Nullable String password = raw.optional("SMTP_PASSWORD").orElse(null);
        if ((user == null) != (password == null)) {
            raw.problem("SMTP_USER", "and SMTP_PASSWORD must be set together, or neither");
        }
        @Nullable String from = null;
        if (raw.optional("SMTP_FROM").isPresent()) {
            from = email(raw, "SMTP_FROM", "gatehouse@localhost.localdomain");
        } else if (host != null) {
            raw.problem("SMTP_FROM", "is required with SMTP_HOST (the sender's address)");
        }
        return new Settings.Mail(
                host,
                raw.integer("SMTP_PORT", defaultPort, 1, 65535),
                tls,
                user,
                password,
                from,
                java.time.Duration.ofMillis(raw.integer("MAIL_TIMEOUT_MS", 10_000, 1000, 120_000)));
    }

    private static String email(RawSettings raw, String name, String fallback) {
        String value = raw.string(name, fallback);
        if (value.length() > 254 || !value.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            raw.problem(name, "must be an e-mail address like admin@example.com");
            return fallback;
        }
        return value;
    }

    private static String address(RawSettings raw, String name, String fallback) {
        String value = raw.string(name, fallback);
        if (!value.equals("localhost") && !isIpOrCidr(value) || value.contains("/")) {
            raw.problem(name, "must be an IP address or localhost, was \"" + value + "\"");
            return fallback;
        }
        return value;
    }

    private static URI publicUrl(RawSettings raw, int serverPort) {
        String value = raw.string("PUBLIC_URL", "http://localhost:" + serverPort);
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                raw.problem(
                        "PUBLIC_URL",
                        "must be an absolute http or https URL, was \"" + value + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            raw.problem("PUBLIC_URL", "is not a valid URL");
            return URI.create("http://localhost:" + serverPort);
        }
    }

    static boolean isIpOrCidr(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2 || parts[0].isEmpty() || !parts[0].matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            InetAddress address = InetAddress.ofLiteral(parts[0]);
            if (parts.length == 2) {
                int bits = Integer.parseInt(parts[1]);
                return bits >= 0 && bits <= address.getAddress().length * 8;
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
