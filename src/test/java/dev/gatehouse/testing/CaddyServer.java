package dev.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Caddy (the Debian package, or {@code CADDY_BIN}) in front of a test node, with on-demand
 * TLS from its internal CA restricted by an {@code ask} URL, proxying every host to one origin.
 *
 * <p>Everything Caddy writes (its CA, certificates, autosave) lives in a temporary folder: storage,
 * {@code HOME} and the XDG folders point there, the admin API is off, trust is not installed, and
 * it listens on loopback only. {@link #close()} kills the process.
 */
public final class CaddyServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int httpsPort;

    private CaddyServer(Process process, Path dir, int httpsPort) {
        this.process = process;
        this.dir = dir;
        this.httpsPort = httpsPort;
    }

    /**
     * The Caddyfile: global options restricting on-demand TLS to {@code askUrl}, one catch-all
     * HTTPS site.
     */
    static String caddyfile(
            Path storage, String askUrl, int httpPort, int httpsPort, int originPort) {
        return """
        {
        	admin off
        	default_bind 127.0.0.1
        	skip_install_trust
        	storage file_system %s
        	http_port %d
        	https_port %d
        	on_demand_tls {
        		ask %s
        	}
        }
        https:// {
        	tls internal {
        		on_demand
        	}
        	reverse_proxy 127.0.0.1:%d
        }
        """
                .formatted(storage, httpPort, httpsPort, askUrl, originPort);
    }

    /**
     * Starts Caddy and waits until its HTTPS port accepts connections and its root certificate
     * exists.
     */
    public static CaddyServer start(String askUrl, int originPort) {
        try {
            Path dir = Files.createTempDirectory("gatehouse-caddy");
            int httpsPort = TestNode.freePort();
            Path config = dir.resolve("Caddyfile");
            Files.writeString(
                    config,
                    caddyfile(
                            dir.resolve("storage"),
                            askUrl,
                            TestNode.freePort(),
                            httpsPort,
                            originPort));
            ProcessBuilder pb =
                    new ProcessBuilder(
                                    binary(),
                                    "run",
                                    "--config",
                                    config.toString(),
                                    "--adapter",
                                    "caddyfile")
                            .directory(dir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(dir.resolve("caddy.log").toFile());
            Map<String, String> env = pb.environment();
            env.put("HOME", dir.toString());
            env.put("XDG_DATA_HOME", dir.resolve("data").toString());
            env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
            CaddyServer caddy = new CaddyServer(pb.start(), dir, httpsPort);
            caddy.awaitReady();
            return caddy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String binary() {
        String configured = System.getenv("CADDY_BIN");
        return configured != null && !configured.isBlank() ? configured : "caddy";
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "caddy exited with " + process.exitValue() + ":\n" + log());
            }
            if (Files.isRegularFile(rootCertificate()) && accepts()) {
                return;
            }
            sleep(50);
        }
        close();
        throw new IllegalStateException("caddy did not get ready within 15 s:\n" + log());
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", httpsPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int httpsPort() {
        return httpsPort;
    }

    /**
     * The root of Caddy's internal CA, which signs the intermediate that issues on-demand
     * certificates.
     */
    public Path rootCertificate() {
        return dir.resolve("storage/pki/authorities/local/root.crt");
    }

    /** What Caddy printed so far. */
    public String log() {
        try {
            Path file = dir.resolve("caddy.log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** What one HTTPS exchange with Caddy for a hostname brought back. */
    public record Exchange(X509Certificate certificate, String response) {}

    /**
     * Connects with {@code hostname} as SNI, trusting only Caddy's root, and sends {@code GET path}
     * with that {@code Host}.
     *
     * @throws IOException when the TLS handshake or the exchange fails (Caddy refuses a certificate
     *     for a hostname its {@code ask} denies by failing the handshake)
     */
    public Exchange get(String hostname, String path) throws IOException {
        try (SSLSocket socket =
                (SSLSocket)
                        trustingCaddy().getSocketFactory().createSocket("127.0.0.1", httpsPort)) {
            socket.setSoTimeout(10_000);
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(hostname)));
            socket.setSSLParameters(params);
            socket.startHandshake();
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            OutputStream out = socket.getOutputStream();
            out.write(
                    ("GET "
                                    + path
                                    + " HTTP/1.1\r\nHost: "
                                    + hostname
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new Exchange(leaf, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private SSLContext trustingCaddy() throws IOException {
        try (InputStream pem = Files.newInputStream(rootCertificate())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(
                    "caddy-local-root",
                    CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot trust Caddy's root certificate", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless.
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
