package dev.gatehouse;

import dev.gatehouse.kernel.cli.Commands;
import dev.gatehouse.kernel.cli.Terminal;
import dev.gatehouse.kernel.config.InvalidConfiguration;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.config.SettingsLoader;
import dev.gatehouse.kernel.config.SpringProperties;
import dev.gatehouse.kernel.db.DatabaseRefused;
import dev.gatehouse.kernel.db.EarlyEmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Gatehouse: the boot class and the command line of the one jar.
 *
 * <p>Every command starts the same way: settings are loaded and validated first (every problem is
 * printed as {@code [CONFIG ERROR] NAME: reason}, exit status 1), then Spring starts with those
 * settings. {@code serve} (the default) keeps the web listeners running; every other command runs
 * on a context without listeners and exits with its status.
 */
@SpringBootApplication
public class GatehouseApplication {

    /** Returned by {@link #run} when the service keeps running. */
    public static final int SERVING = -1;

    private static final Logger log = LoggerFactory.getLogger(GatehouseApplication.class);

    public static void main(String[] args) {
        int status =
                run(
                        args,
                        System.getenv(),
                        Path.of("").toAbsolutePath(),
                        new Terminal(System.out, System.err));
        if (status != SERVING) {
            System.exit(status);
        }
    }

    /**
     * Runs one command line as {@code main} does, without exiting.
     *
     * @return the exit status, or {@link #SERVING} when the service keeps running
     */
    public static int run(
            String[] args, Map<String, String> environment, Path workingDir, Terminal terminal) {
        String command = args.length == 0 ? "serve" : args[0];
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            Commands.usage(terminal);
            return 0;
        }
        if (!command.equals("serve") && !Commands.known(command)) {
            terminal.complain("Unknown command \"" + command + "\".");
            Commands.usage(terminal);
            return 2;
        }
        Settings settings;
        try {
            settings = new SettingsLoader(new SecureRandom()).load(environment, workingDir);
        } catch (InvalidConfiguration e) {
            e.problems().forEach(p -> terminal.complain(p.toString()));
            return 1;
        }
        ConfigurableApplicationContext context;
        try {
            context =
                    start(
                            settings,
                            terminal,
                            command.equals("serve")
                                    ? WebApplicationType.SERVLET
                                    : WebApplicationType.NONE);
        } catch (RuntimeException e) {
            return startFailed(e, terminal);
        }
        if (command.equals("serve")) {
            return SERVING;
        }
        try (context) {
            return context.getBean(Commands.class)
                    .run(Arrays.copyOfRange(args, 0, args.length), terminal);
        }
    }

    /**
     * One line per problem on the terminal and exit status 1. Known causes (the database, a taken
     * port) are said plainly; anything else is a bug or an unforeseen failure, so its stack trace
     * goes to the log.
     */
    private static int startFailed(RuntimeException failure, Terminal terminal) {
        Optional<DatabaseRefused> database = DatabaseRefused.in(failure);
        if (database.isPresent()) {
            database.get().problems().forEach(p -> terminal.complain(p.toString()));
            return 1;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException taken) {
                terminal.complain(
                        "[START ERROR] port "
                                + taken.getPort()
                                + " is already in use: stop what listens there or choose another"
                                + " SERVER_PORT / MANAGEMENT_PORT");
                return 1;
            }
        }
        log.error("Gatehouse failed to start", failure);
        terminal.complain(
                "[START ERROR] Gatehouse failed to start ("
                        + failure.getClass().getSimpleName()
                        + "); the log has the details");
        return 1;
    }

    /**
     * Starts a node with validated settings. Tests use this too, so they run exactly what
     * production runs.
     */
    public static ConfigurableApplicationContext start(
            Settings settings, Terminal terminal, WebApplicationType type, String... args) {
        SpringApplication app = new SpringApplication(GatehouseApplication.class);
        app.setWebApplicationType(type);
        EarlyEmbeddedPostgres database = new EarlyEmbeddedPostgres(settings, new SecureRandom());
        app.addListeners(new SettingsSource(settings), database);
        app.addInitializers(
                context -> {
                    context.getBeanFactory().registerSingleton("settings", settings);
                    context.getBeanFactory().registerSingleton("terminal", terminal);
                    context.getBeanFactory().registerSingleton("earlyEmbeddedPostgres", database);
                });
        try {
            return app.run(args);
        } catch (RuntimeException | Error e) {
            database.closeUnclaimed();
            throw e;
        }
    }

    /** Puts the settings' Spring properties first, before logging is configured. */
    private record SettingsSource(Settings settings)
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            event.getEnvironment()
                    .getPropertySources()
                    .addFirst(
                            new MapPropertySource(
                                    "gatehouse-settings", SpringProperties.of(settings)));
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 15;
        }
    }
}
