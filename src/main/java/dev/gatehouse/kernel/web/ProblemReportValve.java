package dev.gatehouse.kernel.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error report, as problem+json. Tomcat answers some requests itself before any filter or
 * servlet runs: an encoded slash ({@code %2F}), a NUL byte, a backslash or an invalid
 * percent-encoding in the path, a character not allowed in the request line. Its stock valve writes
 * an HTML "HTTP Status 400" page; this one writes the same problem+json as the rest of the API,
 * with a fresh {@code ref} (logged, and sent as {@code X-Request-Id}) and the security headers the
 * filters would have set.
 *
 * <p>It reports only what nobody else answered: a status of 400 or more with no body written (the
 * application's own errors are written by its filters and controllers and pass through untouched).
 * {@link #installer} replaces every stock {@code ErrorReportValve} of the host, Spring Boot's
 * included, on the public listener and, through {@link ManagementEdge}, on the management one.
 */
public final class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    private final ProblemRenderer renderer;
    private final RequestIds ids;
    private final boolean production;

    ProblemReportValve(ProblemRenderer renderer, RequestIds ids, boolean production) {
        this.renderer = renderer;
        this.ids = ids;
        this.production = production;
    }

    /**
     * A customizer that puts this valve on the host of every Tomcat it customizes, after Spring
     * Boot's own error valve is added, and removes that one.
     */
    public static WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> installer(
            ProblemRenderer renderer, RequestIds ids, boolean production) {
        return new Installer(renderer, ids, production);
    }

    @Override
    protected void report(Request request, Response response, @Nullable Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        var ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String ref =
                request.getAttribute(RequestInfo.ATTRIBUTE) instanceof RequestInfo info
                        ? info.ref()
                        : ids.next();
        // A request-line failure arrives with its parse exception and status 400: still a 400.
        ApiProblem problem =
                status == 400
                        ? Problems.malformedRequest()
                        : status >= 500 ? Problems.internalError() : Problems.forStatus(status);
        String previous = MDC.get(ProblemRenderer.MDC_REF);
        MDC.put(ProblemRenderer.MDC_REF, ref);
        try {
            if (status >= 500) {
                log.error("Container error with status {}", status, failure);
            } else {
                log.info(
                        "Refused by the container before the application: status {}{}",
                        status,
                        failure == null ? "" : " (" + failure.getClass().getSimpleName() + ")");
            }
            response.setHeader(RequestIdFilter.HEADER, ref);
            SecurityHeadersFilter.setOnRefusal(response, production);
            renderer.write(response, problem);
        } catch (RuntimeException e) {
            log.warn("Could not write the container's problem answer", e);
        } finally {
            if (previous == null) {
                MDC.remove(ProblemRenderer.MDC_REF);
            } else {
                MDC.put(ProblemRenderer.MDC_REF, previous);
            }
        }
    }

    /** Installs the valve when the web server is built, and again just before the host starts. */
    private record Installer(ProblemRenderer renderer, RequestIds ids, boolean production)
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(
                    context -> {
                        Container host = context.getParent();
                        install(host);
                        // Boot's valve may be added by a customizer that runs after this one.
                        host.addLifecycleListener(
                                event -> {
                                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                                        install(host);
                                    }
                                });
                    });
        }

        /** Runs after Spring Boot's Tomcat customizer, which adds the stock valve. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        private void install(Container host) {
            boolean present = false;
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ProblemReportValve) {
                    present = true;
                } else if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (!present) {
                host.getPipeline().addValve(new ProblemReportValve(renderer, ids, production));
            }
            if (host instanceof StandardHost standard) {
                // Otherwise the host adds a stock valve of its own when it starts.
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        }
    }
}
