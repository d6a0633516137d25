package dev.gatehouse.kernel.web;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Tomcat's own redirects (directory and context-root redirects, which run before any filter) keep a
 * relative {@code Location} instead of completing it from the request's {@code Host}. Registered on
 * both listeners: Boot applies a context's customizers to its own server only.
 */
public final class RelativeRedirects
        implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> context.setUseRelativeRedirects(true));
    }
}
