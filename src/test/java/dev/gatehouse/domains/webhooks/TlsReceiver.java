package dev.gatehouse.domains.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS webhook receiver on 127.0.0.1 whose certificate names {@code *.example.com} only (made
 * by the JDK's {@code keytool} per instance), and a client TLS context trusting exactly that
 * certificate: what a receiver behind a name looks like, on loopback. Records the {@code Host}
 * header and path of every request that arrived; answers 200 with a short body.
 */
final class TlsReceiver implements AutoCloseable {

    static final String CERTIFIED = "*.example.com";
    private static final char[] PASSWORD = "changeit".toCharArray();

    /** One request as it arrived. */
    record Received(String host, String path) {}

    private final HttpsServer server;
    private final SSLContext clientTls;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private TlsReceiver(HttpsServer server, SSLContext clientTls) {
        this.server = server;
        this.clientTls = clientTls;
    }

    static TlsReceiver start() {
        try {
            KeyStore keys = selfSigned();
            KeyManagerFactory kmf =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD);
            SSLContext serverTls = SSLContext.getInstance("TLS");
            serverTls.init(kmf.getKeyManagers(), null, null);

            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("receiver", keys.getCertificate("receiver"));
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext clientTls = SSLContext.getInstance("TLS");
            clientTls.init(null, tmf.getTrustManagers(), null);

            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
            TlsReceiver receiver = new TlsReceiver(server, clientTls);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** A client context that trusts this receiver's certificate and nothing else. */
    SSLContext clientTls() {
        return clientTls;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            received.add(
                    new Received(
                            exchange.getRequestHeaders().getFirst("Host"),
                            exchange.getRequestURI().getRawPath()));
            byte[] answer = "thanks".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** A new EC key and a self-signed certificate for {@link #CERTIFIED}, by the JDK's keytool. */
    private static KeyStore selfSigned() throws IOException, GeneralSecurityException {
        Path dir = Files.createTempDirectory("webhook-tls");
        Path file = dir.resolve("receiver.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p =
                new ProcessBuilder(
                                keytool.toString(),
                                "-genkeypair",
                                "-alias",
                                "receiver",
                                "-keyalg",
                                "EC",
                                "-groupname",
                                "secp256r1",
                                "-dname",
                                "CN=" + CERTIFIED,
                                "-ext",
                                "SAN=dns:" + CERTIFIED,
                                "-validity",
                                "2",
                                "-storetype",
                                "PKCS12",
                                "-keystore",
                                file.toString(),
                                "-storepass",
                                new String(PASSWORD),
                                "-keypass",
                                new String(PASSWORD),
                                "-noprompt")
                        .redirectErrorStream(true)
                        .start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)
                    || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                keys.load(in, PASSWORD);
            }
            return keys;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
