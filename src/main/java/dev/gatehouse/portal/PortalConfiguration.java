package dev.gatehouse.portal;

import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.keys.ScopeCatalog;
import dev.gatehouse.kernel.product.ProductModule;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.kernel.web.PublicUrl;
import dev.gatehouse.kernel.web.WebHygieneConfiguration;
import dev.gatehouse.portal.session.Sessions;

import gg.jte.TemplateEngine;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import java.security.SecureRandom;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Wires the portal: its filter after the kernel's edge filters, sessions, cookies, and session
 * clean-up.
 */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration {

    @Bean
    PortalCookies portalCookies(Settings settings) {
        return new PortalCookies(settings.production());
    }

    @Bean
    PortalUsers portalUsers(UserAdministration admin, Tenants tenants, ScopeCatalog scopes) {
        return new IdentityPortalUsers(admin, tenants, scopes);
    }

    @Bean
    FilterRegistrationBean<PortalFilter> portalFilter(
            Sessions sessions,
            PortalUsers users,
            MessageSource messages,
            SecureRandom random,
            PortalCookies cookies,
            PublicUrl publicUrl,
            Settings settings) {
        Settings.Products products = settings.products();
        Set<String> on =
                products.modules().all().stream()
                        .map(ProductModule::name)
                        .filter(products::enabled)
                        .collect(Collectors.toUnmodifiableSet());
        FilterRegistrationBean<PortalFilter> bean =
                new FilterRegistrationBean<>(
                        new PortalFilter(
                                sessions, users, messages, random, cookies, publicUrl, on));
        bean.setOrder(WebHygieneConfiguration.AUTHENTICATION_ORDER);
        return bean;
    }

    /** Unknown portal URLs and refused methods answer the portal's page, not problem+json. */
    @Bean
    PortalProblemPages portalProblemPages(TemplateEngine templates) {
        return new PortalProblemPages(templates);
    }

    @Bean
    SessionPurge sessionPurge(Sessions sessions) {
        return new SessionPurge(sessions);
    }

    /** Deletes sessions past their idle or absolute limit. */
    static final class SessionPurge {
        private final Sessions sessions;

        SessionPurge(Sessions sessions) {
            this.sessions = sessions;
        }

        @Scheduled(fixedDelay = 600_000, initialDelay = 60_000)
        void purge() {
            sessions.purge();
        }
    }
}
