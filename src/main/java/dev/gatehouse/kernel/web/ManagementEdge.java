package dev.gatehouse.kernel.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.util.List;

/**
 * The management listener's share of the edge. {@code /error} is answered like the public
 * listener's ({@link ProblemErrorController}) instead of by Boot's management error endpoint, which
 * answers a direct request 200 and error dispatches in its own JSON: a filter on exactly {@code
 * /error}, for requests and error dispatches, that never passes the request on. Tomcat's redirects
 * stay relative ({@link RelativeRedirects}), never completed from the {@code Host} header, and the
 * requests Tomcat refuses itself are answered as problem+json ({@link ProblemReportValve}).
 *
 * <p>Boot imports this class into the management child context because it is listed in {@code
 * META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports};
 * it is deliberately not a {@code @Configuration}, so the main context never scans it.
 */
class ManagementEdge {

    @Bean
    FilterRegistrationBean<ErrorFilter> managementErrorFilter(
            ProblemRenderer renderer, ProblemMapper mapper) {
        var registration =
                new FilterRegistrationBean<>(
                        new ErrorFilter(new ProblemErrorController(renderer, mapper, List.of())));
        registration.addUrlPatterns("/error");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> managementProblemReportValve(
            ProblemRenderer renderer, RequestIds ids, WebSettings settings) {
        return ProblemReportValve.installer(renderer, ids, settings.production());
    }

    @Bean
    RelativeRedirects managementRelativeRedirects() {
        return new RelativeRedirects();
    }

    /** Hands every request for {@code /error} to the problem error controller. */
    static final class ErrorFilter extends HttpFilter {

        private final transient ProblemErrorController errors;

        ErrorFilter(ProblemErrorController errors) {
            this.errors = errors;
        }

        @Override
        protected void doFilter(
                HttpServletRequest request, HttpServletResponse response, FilterChain chain) {
            errors.error(request, response);
        }
    }
}
