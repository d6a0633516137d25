package dev.gatehouse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An upstream (an ERP's HTTP API) on loopback for tests: records every request it gets and answers
 * each path from a script.
 *
 * <pre>{@code
 * try (FakeUpstream erp = FakeUpstream.start()) {
 *     erp.script("/Login", Reply.json(200, "{\"SessionId\":\"abc\"}"));
 *     erp.script("/Orders", Reply.status(401), Reply.json(200, "[]")); // 401 once, then 200
 *     ... relay ...
 *     assertThat(erp.requests("/Login")).hasSize(2);
 *     assertThat(erp.requests("/Orders").getFirst().header("cookie")).isEqualTo("B1SESSION=abc");
 * }
 * }</pre>
 *
 * <p>A path answers its replies in order and repeats the last; an unscripted path answers 200 with
 * {@code {"ok":true}}. Each {@link Recorded} request keeps the method, path, raw query, every
 * header (names lower-cased, all values) and the body's size, and its first {@link #KEPT_BODY}
 * bytes. A {@link Reply} can set any header (several {@code Set-Cookie}s, {@code Location}), a body
 * of any size sent with a length or chunked, and a delay before answering.
 */
public final class FakeUpstream implements AutoCloseable {

    /** How much of each request body is kept (the size is always counted in full). */
    public static final int KEPT_BODY = 64 * 1024;

    /** One request as it arrived. */
    public record Recorded(
            String method,
            String path,
            String rawQuery,
            Map<String, List<String>> headers,
            long bodySize,
            byte[] bodyStart) {

        /** The first value of a header, or null; {@code name} in any case. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        public boolean has(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }

        public String body() {
            return new String(bodyStart, StandardCharsets.UTF_8);
        }
    }

    /**
     * A scripted answer.
     *
     * @param bodySize for a generated body of this many bytes ({@code x} repeated); -1 to use
     *     {@code body}
     * @param chunked send the body chunked (no {@code Content-Length})
     */
    public record Reply(
            int status,
            List<Map.Entry<String, String>> headers,
            byte[] body,
            long bodySize,
            boolean chunked,
            Duration delay) {

        public static Reply status(int status) {
            return new Reply(status, List.of(), new byte[0], -1, false, Duration.ZERO);
        }

        public static Reply json(int status, String json) {
            return status(status).header("Content-Type", "application/json").body(json);
        }

        public static Reply redirect(int status, String location) {
            return status(status).header("Location", location);
        }

        public Reply header(String name, String value) {
            List<Map.Entry<String, String>> h = new ArrayList<>(headers);
            h.add(Map.entry(name, value));
            return new Reply(status, List.copyOf(h), body, bodySize, chunked, delay);
        }

        public Reply body(String text) {
            return new Reply(
                    status, headers, text.getBytes(StandardCharsets.UTF_8), -1, chunked, delay);
        }

        /** A generated body of {@code bytes} bytes. */
        public Reply bodyOfSize(long bytes) {
            return new Reply(status, headers, new byte[0], bytes, chunked, delay);
        }

        /** Sends the body chunked, without {@code Content-Length}. */
        public Reply inChunks() {
            return new Reply(status, headers, body, bodySize, true, delay);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, bodySize, chunked, wait);
        }

        long length() {
            return bodySize >= 0 ? bodySize : body.length;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    private FakeUpstream(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1 and a free port. */
    public static FakeUpstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            FakeUpstream upstream = new FakeUpstream(server, executor);
            server.createContext("/", upstream::handle);
            server.setExecutor(executor);
            server.start();
            return upstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Answers {@code path} with these replies in order; the last one repeats. */
    public FakeUpstream script(String path, Reply... replies) {
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** Every request so far, in arrival order. */
    public List<Recorded> requests() {
        return List.copyOf(recorded);
    }

    /** Every request to {@code path} so far. */
    public List<Recorded> requests(String path) {
        return recorded.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Forgets the recorded requests (scripts stay). */
    public void clear() {
        recorded.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            long size = 0;
            byte[] kept = new byte[KEPT_BODY];
            int keptLength = 0;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    int keep = Math.min(n, KEPT_BODY - keptLength);
                    System.arraycopy(buf, 0, kept, keptLength, keep);
                    keptLength += keep;
                    size += n;
                }
            } catch (IOException brokenOff) {
                size = -1 - size; // negative: the body broke off after -(size+1) bytes
            }
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            recorded.add(
                    new Recorded(
                            exchange.getRequestMethod(),
                            path,
                            query,
                            Map.copyOf(headers),
                            size,
                            Arrays.copyOf(kept, keptLength)));
            answer(exchange, next(path));
        }
    }

    private static void answer(HttpExchange exchange, Reply reply) throws IOException {
        if (!reply.delay().isZero()) {
            try {
                Thread.sleep(reply.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach(h -> exchange.getResponseHeaders().add(h.getKey(), h.getValue()));
        long length = reply.length();
        boolean noBody =
                length == 0
                        || exchange.getRequestMethod().equals("HEAD")
                        || reply.status() == 204
                        || reply.status() == 304;
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : reply.chunked() ? 0 : length);
        if (noBody) {
            return;
        }
        OutputStream out = exchange.getResponseBody();
        if (reply.bodySize() < 0) {
            out.write(reply.body());
        } else {
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) 'x');
            for (long left = reply.bodySize(); left > 0; ) {
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                left -= n;
            }
        }
        out.close();
    }

    private Reply next(String path) {
        Deque<Reply> script = scripts.get(path);
        if (script == null) {
            return Reply.json(200, "{\"ok\":true}");
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
