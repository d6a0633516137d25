package dev.gatehouse.erpsync;

import dev.gatehouse.erpsync.sage.SageDatabases;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.mail.Mailer;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.SwitchedOffRoutes;
import dev.gatehouse.licensing.License;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/** Wires SageConnect from the validated settings. */
@Configuration(proxyBeanMethods = false)
class SyncConfiguration {

    /** The sync's routes: its API and its portal pages. */
    static final List<String> ROUTES = List.of("/v1/sync/", "/portal/sync");

    /** The license the sync runs under, checked at start-up and before every cycle. */
    @Bean
    @ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
    License license(Settings settings, Clock clock, Mailer mailer) {
        return new License(settings, clock, mailer);
    }

    /** The Sage connection pools of this node, closed when a company changes and at shutdown. */
    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
    SageDatabases sageDatabases(Settings settings) {
        SyncSettings sync = settings.section(SyncSettings.class);
        return new SageDatabases(sync.sqlQueryTimeout(), sync.dryRun(), sync.portalConcurrency());
    }

    /** SageConnect switched off: its routes answer 404 and its license is not checked. */
    @Bean
    @ConditionalOnBooleanProperty(name = "gatehouse.products.sync", havingValue = false)
    FilterRegistrationBean<SwitchedOffRoutes> syncSwitchedOff(ProblemRenderer problems) {
        return SwitchedOffRoutes.register(
                ROUTES, "SageConnect is switched off on this installation.", problems);
    }
}
