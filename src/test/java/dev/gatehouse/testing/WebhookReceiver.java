package dev.gatehouse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A webhook receiver on loopback for tests: answers each path from a script (status codes,
 * redirects, in order; the last reply repeats; 200 when unscripted) and records every request it
 * gets, headers and raw body, so a test can check exactly what was sent and how often.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived; header names lower-cased, first value only. */
    public record Received(
            String method, String path, Map<String, String> headers, String body, Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A scripted reply. */
    public record Reply(int status, Map<String, String> headers) {

        public static Reply status(int status) {
            return new Reply(status, Map.of());
        }

        public static Reply redirect(String location) {
            return new Reply(302, Map.of("Location", location));
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** Starts a receiver on 127.0.0.1 and a free port. */
    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code path} with these replies in order; the last one repeats. */
    public WebhookReceiver script(String path, Reply... replies) {
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** Answers {@code path} with these status codes in order; the last one repeats. */
    public WebhookReceiver answer(String path, int... statuses) {
        return script(
                path,
                java.util.Arrays.stream(statuses).mapToObj(Reply::status).toArray(Reply[]::new));
    }

    /** Waits this long before answering each request, like a slow receiver. */
    public WebhookReceiver delay(Duration perRequest) {
        this.delay = perRequest;
        return this;
    }

    /** Every request to {@code path} so far, in arrival order. */
    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /**
     * Waits up to {@code timeout} until {@code path} has at least {@code count} requests; returns
     * them.
     */
    public List<Received> await(String path, int count, Duration timeout) {
        return Waiting.until(
                () -> received(path),
                list -> list.size() >= count,
                timeout,
                () ->
                        "expected "
                                + count
                                + " requests to "
                                + path
                                + ", got "
                                + received(path).size());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
            String path = exchange.getRequestURI().getPath();
            received.add(
                    new Received(
                            exchange.getRequestMethod(),
                            path,
                            Map.copyOf(headers),
                            body,
                            Instant.now()));
            Reply reply = next(path);
            if (!delay.isZero()) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] answer =
                    "{\"note\":\"whsec_receiver_says_this_must_never_be_stored\"}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private Reply next(String path) {
        Deque<Reply> script = scripts.get(path);
        if (script == null) {
            return Reply.status(200);
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Polls a value until it satisfies a condition, with short sleeps. */
    public static final class Waiting {

        private Waiting() {}

        public static <T> T until(
                Supplier<T> value,
                java.util.function.Predicate<T> done,
                Duration timeout,
                Supplier<String> failure) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                T v = value.get();
                if (done.test(v)) {
                    return v;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(failure.get() + " (last value: " + v + ")");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }
}
