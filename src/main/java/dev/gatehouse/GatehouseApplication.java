package dev.gatehouse;

import dev.gatehouse.kernel.cli.Commands;
import dev.gatehouse.kernel.cli.Terminal;
import dev.gatehouse.kernel.config.InvalidConfiguration;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.config.SettingsLoader;
import dev.gatehouse.kernel.config.SpringProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;

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
        if (command.equals("serve")) {
            try {
                start(settings, terminal, WebApplicationType.SERVLET);
                return SERVING;
            } catch (RuntimeException e) {
                log.error("Gatehouse failed to start", e);
                return 1;
            }
        }
        try (ConfigurableApplicationContext context =
                start(settings, terminal, WebApplicationType.NONE)) {
            return context.getBean(Commands.class)
                    .run(Arrays.copyOfRange(args, 0, args.length), terminal);
        }
    }

    /**
     * Starts a node with validated settings. Tests use this too, so they run exactly what
     * production runs.
     */
    public static ConfigurableApplicationContext start(
            Settings settings, Terminal terminal, WebApplicationType type, String... args) {
        SpringApplication app = new SpringApplication(GatehouseApplication.class);
        app.setWebApplicationType(type);
        app.addListeners(new SettingsSource(settings));
        app.addInitializers(
                context -> {
                    context.getBeanFactory().registerSingleton("settings", settings);
                    context.getBeanFactory().registerSingleton("terminal", terminal);
                });
        return app.run(args);
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
