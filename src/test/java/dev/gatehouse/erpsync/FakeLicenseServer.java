package dev.gatehouse.erpsync;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SageConnect's license server on loopback: {@code GET /api/validate} answers an active license,
 * signed over its exact JSON text with {@link #SECRET}, as the original server does.
 */
public final class FakeLicenseServer implements AutoCloseable {

    public static final String SECRET = "fake-license-hmac-secret-0c41";
    public static final String KEY = "fake-license-key-77a9";

    private final HttpServer server;

    private FakeLicenseServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/api/validate",
                exchange -> {
                    byte[] body = answer().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        server.start();
    }

    public static FakeLicenseServer start() {
        try {
            return new FakeLicenseServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The settings of a node licensed by this server. */
    public Map<String, String> settings() {
        return Map.of(
                "LICENSE_API_URL",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "HMAC_SECRET",
                SECRET,
                "SAGECONNECT_API_KEY",
                KEY,
                "LICENSE_ALLOW_PRIVATE_HOST",
                "true");
    }

    private static String answer() {
        String text =
                "{\"active\":true,\"expiresAt\":\"2099-01-31T00:00:00.000Z\",\"ts\":"
                        + System.currentTimeMillis()
                        + "}";
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String sig =
                    HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
            return text.substring(0, text.length() - 1) + ",\"sig\":\"" + sig + "\"}";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
