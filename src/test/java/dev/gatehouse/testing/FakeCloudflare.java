package dev.gatehouse.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cloudflare's DNS records API v4 on loopback, for one zone and one API token: list ({@code GET
 * /zones/{zone}/dns_records?type=&name=}), create ({@code POST}), overwrite ({@code PUT
 * /dns_records/{id}}) and delete, each answered in Cloudflare's envelope {@code {success, errors[],
 * messages[], result}}. It refuses what Cloudflare refuses: a missing or wrong bearer token (403,
 * code 10000), another zone (400, code 7003), an identical record (400, 81058), a CNAME beside
 * other records at a name or other records beside a CNAME (400, 81053), an unknown record id (404,
 * 81044).
 */
public final class FakeCloudflare implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom IDS = new SecureRandom();

    /** A record as the fake holds it. */
    public record StoredRecord(String id, String type, String name, String content, int ttl) {}

    private final HttpServer server;
    private final String zoneId;
    private final String zoneName;
    private final String token;
    private final List<StoredRecord> records = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int failWith;
    private volatile String redirectTo;

    private FakeCloudflare(String zoneId, String zoneName, String token) throws IOException {
        this.zoneId = zoneId;
        this.zoneName = zoneName;
        this.token = token;
        this.server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/client/v4/", this::handle);
        server.start();
    }

    /** A fake for {@code zoneName} whose zone id is random; it accepts only {@code token}. */
    public static FakeCloudflare start(String zoneName, String token) {
        try {
            byte[] id = new byte[16];
            IDS.nextBytes(id);
            return new FakeCloudflare(HexFormat.of().formatHex(id), zoneName, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value for a credential's {@code base_url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/client/v4";
    }

    public String zoneId() {
        return zoneId;
    }

    public List<StoredRecord> records() {
        return List.copyOf(records);
    }

    /** Records of {@code type} at {@code name}, as stored. */
    public List<StoredRecord> records(String type, String name) {
        return records.stream()
                .filter(r -> r.type().equals(type) && r.name().equals(name))
                .toList();
    }

    /** Every request as {@code METHOD path?query}, in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Puts a record in place, as if created in the dashboard. */
    public void put(String type, String name, String content) {
        records.add(new StoredRecord(newId(), type, name, content, 1));
    }

    /** Answers every later request with this HTTP status and an error envelope (0 to stop). */
    public void failWith(int status) {
        this.failWith = status;
    }

    /** Answers every later request with a 307 to this URL (null to stop). */
    public void redirectTo(String url) {
        this.redirectTo = url;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String query = ex.getRequestURI().getRawQuery();
            requests.add(
                    ex.getRequestMethod()
                            + " "
                            + ex.getRequestURI().getPath()
                            + (query == null ? "" : "?" + query));
            if (redirectTo != null) {
                ex.getResponseHeaders().add("Location", redirectTo);
                ex.sendResponseHeaders(307, -1);
                return;
            }
            if (failWith != 0) {
                send(
                        ex,
                        failWith,
                        error(10001, "service temporarily unavailable: internal detail"));
                return;
            }
            if (!("Bearer " + token).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 403, error(10000, "Authentication error"));
                return;
            }
            String[] path =
                    ex.getRequestURI().getPath().substring("/client/v4/".length()).split("/");
            if (path.length < 3 || !path[0].equals("zones") || !path[2].equals("dns_records")) {
                send(ex, 404, error(7000, "No route for that URI"));
                return;
            }
            if (!path[1].equals(zoneId)) {
                send(
                        ex,
                        400,
                        error(
                                7003,
                                "Could not route to /zones/"
                                        + path[1]
                                        + "/dns_records, perhaps your object identifier is"
                                        + " invalid?"));
                return;
            }
            String recordId = path.length > 3 ? path[3] : null;
            route(ex, ex.getRequestMethod(), recordId, query);
        }
    }

    private void route(HttpExchange ex, String method, String recordId, String query)
            throws IOException {
        switch (method) {
            case "GET" -> {
                if (recordId != null) {
                    send(ex, 405, error(10405, "Method not allowed"));
                    return;
                }
                Map<String, String> params = params(query);
                List<Object> found = new ArrayList<>();
                for (StoredRecord r : records) {
                    if ((!params.containsKey("type") || params.get("type").equals(r.type()))
                            && (!params.containsKey("name")
                                    || params.get("name").equalsIgnoreCase(r.name()))) {
                        found.add(view(r));
                    }
                }
                Map<String, Object> body = ok(found);
                body.put(
                        "result_info",
                        Map.of(
                                "page",
                                1,
                                "per_page",
                                100,
                                "count",
                                found.size(),
                                "total_count",
                                found.size(),
                                "total_pages",
                                1));
                send(ex, 200, body);
            }
            case "POST" -> write(ex, null, recordId == null);
            case "PUT" -> write(ex, recordId, recordId != null);
            case "DELETE" -> {
                StoredRecord r = recordId == null ? null : byId(recordId);
                if (r == null) {
                    send(ex, 404, error(81044, "Record does not exist."));
                    return;
                }
                records.remove(r);
                send(ex, 200, ok(Map.of("id", r.id())));
            }
            default -> send(ex, 405, error(10405, "Method not allowed"));
        }
    }

    private void write(HttpExchange ex, String recordId, boolean routeOk) throws IOException {
        StoredRecord existing = recordId == null ? null : byId(recordId);
        if (!routeOk || (recordId != null && existing == null)) {
            send(ex, 404, error(81044, "Record does not exist."));
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(ex.getRequestBody());
        } catch (RuntimeException e) {
            send(ex, 400, error(9207, "Request body is invalid."));
            return;
        }
        String type = body.path("type").asString("");
        String name = body.path("name").asString("").toLowerCase(java.util.Locale.ROOT);
        String content = body.path("content").asString("");
        if (!List.of("A", "AAAA", "CNAME", "TXT").contains(type)
                || content.isEmpty()
                || !(name.equals(zoneName) || name.endsWith("." + zoneName))) {
            send(ex, 400, error(9000, "DNS name is invalid."));
            return;
        }
        for (StoredRecord other : records) {
            if (other == existing || !other.name().equals(name)) {
                continue;
            }
            if (other.type().equals(type) && other.content().equals(content)) {
                send(ex, 400, error(81058, "An identical record already exists."));
                return;
            }
            boolean cnameClash =
                    (type.equals("CNAME") || other.type().equals("CNAME"))
                            && !other.type().equals("TXT")
                            && !type.equals("TXT");
            if (cnameClash) {
                send(
                        ex,
                        400,
                        error(81053, "An A, AAAA, or CNAME record with that host already exists."));
                return;
            }
        }
        StoredRecord r =
                new StoredRecord(
                        existing == null ? newId() : existing.id(),
                        type,
                        name,
                        content,
                        body.path("ttl").asInt(1));
        if (existing != null) {
            records.set(records.indexOf(existing), r);
        } else {
            records.add(r);
        }
        send(ex, 200, ok(view(r)));
    }

    private StoredRecord byId(String id) {
        return records.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    private Map<String, Object> view(StoredRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("zone_id", zoneId);
        m.put("zone_name", zoneName);
        m.put("name", r.name());
        m.put("type", r.type());
        m.put("content", r.content());
        m.put("proxiable", !r.type().equals("TXT"));
        m.put("proxied", false);
        m.put("ttl", r.ttl());
        m.put("locked", false);
        m.put("meta", Map.of());
        m.put("created_on", Instant.EPOCH.toString());
        m.put("modified_on", Instant.EPOCH.toString());
        return m;
    }

    private static Map<String, Object> ok(Object result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("errors", List.of());
        m.put("messages", List.of());
        m.put("result", result);
        return m;
    }

    private static Map<String, Object> error(int code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", false);
        m.put("errors", List.of(Map.of("code", code, "message", message)));
        m.put("messages", List.of());
        m.put("result", null);
        return m;
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static String newId() {
        byte[] id = new byte[16];
        IDS.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }
}
