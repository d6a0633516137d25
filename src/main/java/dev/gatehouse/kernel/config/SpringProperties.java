package dev.gatehouse.kernel.config;

import java.util.HashMap;
import java.util.Map;

/**
 * The Spring Boot properties that follow from validated {@link Settings}. Framework defaults that
 * never vary live in {@code application.yaml}; these are the ones an operator's settings decide.
 */
public final class SpringProperties {

    private SpringProperties() {}

    public static Map<String, Object> of(Settings s) {
        Map<String, Object> p = new HashMap<>();
        p.put("server.port", s.listeners().serverPort());
        p.put("server.address", s.listeners().serverAddress());
        p.put("management.server.port", s.listeners().managementPort());
        p.put("management.server.address", s.listeners().managementAddress());
        p.put("gatehouse.log.path", s.logs().path() == null ? "" : s.logs().path().toString());
        p.put("gatehouse.log.retention-days", s.logs().retentionDays());
        p.put("gatehouse.log.max-total-mb", s.logs().maxTotalMb());
        // A person reads the development console; production's goes to log collection as JSON.
        p.put("gatehouse.log.console", s.production() ? "json" : "text");
        p.put("gatehouse.kernel.last-used-flush-ms", s.kernel().lastUsedFlushSeconds() * 1000L);
        s.products()
                .modules()
                .all()
                .forEach(
                        m ->
                                p.put(
                                        "gatehouse.products." + m.name(),
                                        s.products().enabled(m.name())));
        p.put("gatehouse.audit.queue-capacity", s.kernel().auditQueueCapacity());
        p.put("gatehouse.audit.preview-bytes", s.kernel().auditPreviewBytes());
        p.put("server.tomcat.max-swallow-size", s.http().maxBodyBytes());
        p.put("server.tomcat.max-http-form-post-size", s.http().maxBodyBytes());
        return p;
    }
}
