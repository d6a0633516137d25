package dev.gatehouse.erpsync.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Focaltec portal's "API de integraciones" on loopback, from the documented request and
 * response shapes: providers, CFDIs (pages of at most 200), payments and purchase orders under
 * {@code /api/1.0/extern/tenants/{tenant}}. It checks {@code PDPTenantKey} and {@code
 * PDPTenantSecret} (401 otherwise), keeps what is posted, refuses a second item with the same
 * {@code external_id} (409), and records every request.
 *
 * <p>The demo company talks to it in development; tests drive it and inject faults. Faults: {@link
 * #loseAnswers} keeps the next writes but answers only after {@code delay} (past the client's
 * timeout, so the answer is lost); {@link #failNext} answers a status without keeping anything;
 * {@link #delayAll} slows every answer.
 */
public final class FakePortal implements AutoCloseable {

    public static final String TENANT = "copamex-datos";

    /** Requests kept for {@link #requests()}, the latest; the demo runs for days. */
    static final int MAX_RECORDED = 10_000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as it arrived. */
    public record Recorded(
            String method, String path, String query, Map<String, String> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final HttpServer server;
    private final String key;
    private final String secret;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Set<Recorded> injected = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> purchaseOrders = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> providers = new ConcurrentHashMap<>();
    private final List<ObjectNode> cfdis = new CopyOnWriteArrayList<>();
    private final Map<String, String> cfdiFiles = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();
    private final Map<String, List<Integer>> failures = new ConcurrentHashMap<>();
    private volatile Duration lostDelay = Duration.ZERO;
    private volatile Duration delay = Duration.ZERO;

    private FakePortal(String key, String secret) throws IOException {
        this.key = key;
        this.secret = secret;
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakePortal start(String key, String secret) {
        try {
            return new FakePortal(key, secret);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The requests of {@code method} whose path ends with {@code suffix}. */
    public List<Recorded> requests(String method, String suffix) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().endsWith(suffix))
                .toList();
    }

    public Map<String, ObjectNode> payments() {
        return Map.copyOf(payments);
    }

    public Map<String, ObjectNode> purchaseOrders() {
        return Map.copyOf(purchaseOrders);
    }

    /** Stores a purchase order as if it had been sent before, returning its portal id. */
    public String storePurchaseOrder(String externalId, String status) {
        ObjectNode po =
                JSON.createObjectNode().put("external_id", externalId).put("status", status);
        return keep(purchaseOrders, po);
    }

    /** Stores a payment as if it had been sent before, under the portal id {@code id}. */
    public void storePayment(String id, String externalId) {
        payments.put(id, JSON.createObjectNode().put("id", id).put("external_id", externalId));
    }

    /** Stores a purchase order under the portal id {@code id}, as sent before Gatehouse ran. */
    public void storePurchaseOrder(String id, String externalId, String status) {
        purchaseOrders.put(
                id,
                JSON.createObjectNode()
                        .put("id", id)
                        .put("external_id", externalId)
                        .put("status", status));
    }

    /** Keeps the next {@code count} writes but answers each only after {@code delay}. */
    public void loseAnswers(int count, Duration delay) {
        this.lostDelay = delay;
        lost.set(count);
    }

    /**
     * The next writes to a path ending in {@code suffix} answer {@code statuses}, keeping nothing.
     */
    public synchronized void failNext(String suffix, Integer... statuses) {
        failures.put(suffix, new CopyOnWriteArrayList<>(List.of(statuses)));
    }

    /** Every answer waits {@code delay} first. */
    public void delayAll(Duration delay) {
        this.delay = delay;
    }

    public void addProvider(ObjectNode provider) {
        providers.put(provider.get("id").asString(), provider);
    }

    public void addCfdi(ObjectNode cfdi) {
        cfdis.add(cfdi);
    }

    /** A CFDI whose XML is served at a signed URL (no portal credentials) by {@code /files}. */
    public void addCfdi(ObjectNode cfdi, String xml) {
        cfdis.add(cfdi);
        cfdiFiles.put(cfdi.get("id").asString(), xml);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
        String path = x.getRequestURI().getRawPath();
        String query = Optional.ofNullable(x.getRequestURI().getRawQuery()).orElse("");
        Recorded recorded = new Recorded(x.getRequestMethod(), path, query, headers, body);
        requests.add(recorded);
        while (requests.size() > MAX_RECORDED) {
            Recorded dropped = requests.removeFirst();
            synchronized (injected) {
                injected.remove(dropped);
            }
        }
        try {
            sleep(delay);
            if (path.startsWith("/signed/")) {
                String id = path.substring("/signed/".length()).replace(".xml", "");
                String xml = cfdiFiles.get(id);
                answer(x, xml == null ? 404 : 200, xml == null ? "" : xml);
                return;
            }
            if (!key.equals(headers.get("pdptenantkey"))
                    || !secret.equals(headers.get("pdptenantsecret"))) {
                answer(x, 401, "{\"code\":\"UNAUTHORIZED\",\"description\":\"bad credentials\"}");
                return;
            }
            String prefix = "/api/1.0/extern/tenants/" + TENANT;
            if (!path.startsWith(prefix)) {
                answer(x, 404, "{\"code\":\"NOT_FOUND\",\"description\":\"unknown tenant\"}");
                return;
            }
            Integer failure = nextFailure(path);
            if (failure != null) {
                synchronized (injected) {
                    injected.add(recorded);
                }
                answer(x, failure, "{\"code\":\"FAILURE\",\"description\":\"injected\"}");
                return;
            }
            route(x, x.getRequestMethod(), path.substring(prefix.length()), query(query), body);
        } catch (RuntimeException e) {
            answer(
                    x,
                    500,
                    "{\"code\":\"ERROR\",\"description\":\""
                            + e.getClass().getSimpleName()
                            + "\"}");
        }
    }

    private void route(
            HttpExchange x, String method, String rest, Map<String, String> q, String body)
            throws IOException {
        switch (method + " " + rest) {
            case "POST /payments" -> create(x, payments, body);
            case "GET /payments" -> answer(x, 200, listing(payments, q).toString());
            case "POST /purchase-orders" -> create(x, purchaseOrders, body);
            case "GET /purchase-orders" -> answer(x, 200, listing(purchaseOrders, q).toString());
            case "GET /providers" -> answer(x, 200, page(providersMatching(q), q).toString());
            case "GET /cfdis" -> answer(x, 200, page(cfdisMatching(q), q).toString());
            default -> {
                if (method.equals("PUT") && rest.startsWith("/purchase-orders/")) {
                    update(x, rest.substring("/purchase-orders/".length()), body);
                } else if (method.equals("GET")
                        && rest.startsWith("/cfdis/")
                        && rest.endsWith("/files")) {
                    String id =
                            rest.substring("/cfdis/".length(), rest.length() - "/files".length());
                    answer(
                            x,
                            cfdiFiles.containsKey(id) ? 200 : 404,
                            JSON.createObjectNode()
                                    .put(
                                            "xml",
                                            url() + "/signed/" + id + ".xml?X-Amz-Signature=f00d")
                                    .toString());
                } else if (method.equals("GET") && rest.startsWith("/payments/")) {
                    ObjectNode p = payments.get(rest.substring("/payments/".length()));
                    answer(x, p == null ? 404 : 200, p == null ? "{}" : p.toString());
                } else if (method.equals("GET") && rest.startsWith("/providers/")) {
                    ObjectNode p = providers.get(rest.substring("/providers/".length()));
                    answer(x, p == null ? 404 : 200, p == null ? "{}" : p.toString());
                } else {
                    answer(x, 404, "{\"code\":\"NOT_FOUND\",\"description\":\"no route\"}");
                }
            }
        }
    }

    private void create(HttpExchange x, Map<String, ObjectNode> store, String body)
            throws IOException {
        ObjectNode item = (ObjectNode) JSON.readTree(body);
        String externalId = item.path("external_id").asString("");
        boolean duplicate =
                store.values().stream()
                        .anyMatch(i -> i.path("external_id").asString("").equals(externalId));
        if (duplicate) {
            answer(
                    x,
                    409,
                    "{\"code\":\"DUPLICATED\",\"description\":\"external_id already exists\"}");
            return;
        }
        String id = keep(store, item);
        if (lost.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            sleep(lostDelay);
        }
        answer(x, 200, JSON.createObjectNode().put("id", id).toString());
    }

    private void update(HttpExchange x, String rest, String body) throws IOException {
        boolean status = rest.endsWith("/status");
        String id = status ? rest.substring(0, rest.length() - "/status".length()) : rest;
        ObjectNode po = purchaseOrders.get(id);
        if (po == null) {
            answer(x, 404, "{\"code\":\"NOT_FOUND\",\"description\":\"no such purchase order\"}");
            return;
        }
        JsonNode b = JSON.readTree(body);
        if (status) {
            po.put("status", b.get("status").asString());
        } else {
            po.setAll((ObjectNode) b);
        }
        answer(x, 200, JSON.createObjectNode().put("id", id).toString());
    }

    private String keep(Map<String, ObjectNode> store, ObjectNode item) {
        String id = String.format("%024x", 0xabc000000L + ids.incrementAndGet());
        item.put("id", id);
        if (!item.has("status")) {
            item.put("status", "OPEN");
        }
        store.put(id, item);
        return id;
    }

    private List<ObjectNode> cfdisMatching(Map<String, String> q) {
        return cfdis.stream()
                .filter(
                        c ->
                                !q.containsKey("cfdiType")
                                        || q.get("cfdiType")
                                                .equals(c.path("cfdi_type").asString("")))
                .filter(
                        c ->
                                !q.containsKey("stage")
                                        || q.get("stage").equals(c.path("stage").asString("")))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    private List<ObjectNode> providersMatching(Map<String, String> q) {
        return providers.values().stream()
                .filter(
                        p ->
                                !q.containsKey("rfc")
                                        || q.get("rfc").equals(p.path("rfc").asString("")))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    private static ObjectNode listing(Map<String, ObjectNode> store, Map<String, String> q) {
        List<ObjectNode> items =
                store.values().stream()
                        .filter(
                                i ->
                                        !q.containsKey("external_ids")
                                                || List.of(q.get("external_ids").split(","))
                                                        .contains(
                                                                i.path("external_id").asString("")))
                        .toList();
        return page(new ArrayList<>(items), q);
    }

    private static ObjectNode page(List<ObjectNode> all, Map<String, String> q) {
        int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
        int size = Integer.parseInt(q.getOrDefault("pageSize", "0"));
        int limit = size <= 0 ? 200 : Math.min(size, 200);
        ObjectNode out = JSON.createObjectNode().put("total", all.size());
        ArrayNode items = out.putArray("items");
        all.stream().skip(offset).limit(limit).forEach(items::add);
        return out;
    }

    /**
     * Whether {@code request} (one of {@link #requests()}) was answered with a failure from {@link
     * #failNext}: which request consumed an injected failure, even when requests arrive at once.
     */
    public boolean failedAsInjected(Recorded request) {
        synchronized (injected) {
            return injected.contains(request);
        }
    }

    /**
     * Takes the next injected failure for {@code path}; synchronized, since requests arrive at once
     * and two of them must never both see the last failure (one would then fail with an error
     * nobody injected).
     */
    private synchronized @Nullable Integer nextFailure(String path) {
        for (Map.Entry<String, List<Integer>> e : failures.entrySet()) {
            if (path.endsWith(e.getKey()) && !e.getValue().isEmpty()) {
                return e.getValue().removeFirst();
            }
        }
        return null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String part : raw.split("&")) {
            if (!part.isEmpty()) {
                String[] kv = part.split("=", 2);
                q.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static void answer(HttpExchange x, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        try {
            // not try-with-resources: closing the body of a client that gave up throws again and
            // would keep the connection's descriptor until the server stops
            x.sendResponseHeaders(status, b.length);
            OutputStream out = x.getResponseBody();
            out.write(b);
            out.close();
        } catch (IOException e) {
            // the client gave up (a lost answer): nothing to tell it
        } finally {
            x.close();
        }
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
