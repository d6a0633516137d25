package dev.gatehouse.gateway.upstream;

import dev.gatehouse.kernel.tenancy.TenantId;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the gateway's relay route while the pipeline is built elsewhere: a real Tomcat on
 * loopback whose one servlet hands every request under {@code /gateway/v1/erp/} to {@link
 * UpstreamRelay#relay} with real servlet request and response objects, exactly as the pipeline will
 * after its checks. The tenant comes from the {@code X-Test-Tenant} header (the pipeline takes it
 * from the token); the client IP is the socket peer. Every {@link RelayResult} is kept, and a
 * {@link RelayAborted} is recorded and rethrown so Tomcat aborts the connection.
 */
final class RelayFront implements AutoCloseable {

    static final String TENANT_HEADER = "X-Test-Tenant";

    private final Tomcat tomcat;
    private final List<RelayResult> results = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    private RelayFront(UpstreamRelay relay) throws IOException, LifecycleException {
        Path base = Files.createTempDirectory("relay-front");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "relay", new Servlet(relay));
        context.addServletMappingDecoded("/*", "relay");
        tomcat.start();
    }

    static RelayFront start(UpstreamRelay relay) {
        try {
            return new RelayFront(relay);
        } catch (IOException | LifecycleException e) {
            throw new IllegalStateException("the relay front did not start", e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + path;
    }

    int port() {
        return tomcat.getConnector().getLocalPort();
    }

    List<RelayResult> results() {
        return List.copyOf(results);
    }

    /**
     * The result of the last request, once the servlet has recorded it (the client may see the
     * answer a moment before).
     */
    RelayResult lastResult() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (results.size() < requests.get() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return results.getLast();
    }

    @Override
    public void close() {
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Servlet extends HttpServlet {

        private static final long serialVersionUID = 1L;
        private static final String PREFIX = "/gateway/v1/erp";

        private final transient UpstreamRelay relay;

        Servlet(UpstreamRelay relay) {
            this.relay = relay;
        }

        @Override
        protected void service(HttpServletRequest in, HttpServletResponse out) throws IOException {
            String uri = in.getRequestURI();
            if (!uri.startsWith(PREFIX + "/")) {
                out.sendError(404);
                return;
            }
            TenantId tenant = new TenantId(Long.parseLong(in.getHeader(TENANT_HEADER)));
            try {
                results.add(
                        relay.relay(
                                tenant,
                                in.getMethod(),
                                uri.substring(PREFIX.length()),
                                in.getQueryString(),
                                in,
                                out,
                                "req_test" + requests.incrementAndGet(),
                                in.getRemoteAddr()));
            } catch (RelayAborted aborted) {
                results.add(aborted.result());
                throw aborted;
            }
        }
    }
}
