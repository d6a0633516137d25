package dev.gatehouse.gateway.upstream;

import static dev.gatehouse.gateway.upstream.UpstreamBodies.basic;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.bearerSession;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.none;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.sapSession;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.FakeUpstream.Reply;
import dev.gatehouse.testing.RawHttp;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The relay transport driven through real HTTP: a client talks to {@link RelayFront} (a real Tomcat
 * calling {@link UpstreamRelay} as the pipeline will), which relays to a {@link FakeUpstream} that
 * records everything it receives.
 */
class UpstreamRelayIT {

    private static final String PASSWORD = "relay-upstream-pass-" + "4".repeat(16);
    private static final String API_KEY = "relay-upstream-key-" + "6".repeat(16);
    private static final String CLIENT_TOKEN = "gwt_" + "A".repeat(32);
    private static final String CLIENT_KEY = "gwk_" + "B".repeat(32);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestNode node;
    private static FakeUpstream erp;
    private static RelayFront front;
    private static final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        erp = FakeUpstream.start();
        front = RelayFront.start(node.bean(UpstreamRelay.class));
    }

    @AfterAll
    static void stop() {
        front.close();
        erp.close();
    }

    /** A new tenant whose upstream is {@code body}; returns its id for the relay. */
    private static long tenantWith(Map<String, Object> body) {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        var r = UpstreamBodies.put(node, t.adminKey(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return JdbcClient.create(TestDatabase.ownerOf(node.database()))
                .sql("select id from tenants where public_id = ?")
                .param(t.id())
                .query(Long.class)
                .single();
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(body);
        m.put(field, value);
        return m;
    }

    private static Map<String, String> tenantHeader(long tenant) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "gateway.test");
        h.put(RelayFront.TENANT_HEADER, Long.toString(tenant));
        return h;
    }

    private static HttpResponse<String> send(
            long tenant, String method, String path, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(front.url("/gateway/v1/erp" + path)))
                        .timeout(Duration.ofSeconds(60))
                        .header(RelayFront.TENANT_HEADER, Long.toString(tenant))
                        .header("Authorization", "Bearer " + CLIENT_TOKEN)
                        .header("x-api-key", CLIENT_KEY)
                        .header("Cookie", "portal_session=client-cookie-value")
                        .method(method, body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(long tenant, String path) throws Exception {
        return send(tenant, "GET", path, HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void noClientCredentialOrHopByHopHeaderReachesTheUpstream() {
        long tenant = tenantWith(upstream(erp.url("/h1"), basic("erp-user", PASSWORD)));
        Map<String, String> h = tenantHeader(tenant);
        h.put("Authorization", "Bearer " + CLIENT_TOKEN);
        h.put("x-api-key", CLIENT_KEY);
        h.put("Cookie", "portal_session=client-cookie-value");
        h.put("Proxy-Authorization", "Basic cHJveHk6cHc=");
        h.put("Keep-Alive", "timeout=5");
        h.put("TE", "trailers");
        h.put("Upgrade", "websocket");
        h.put("Trailer", "X-Checksum");
        h.put("Connection", "X-Hop-Secret");
        h.put("X-Hop-Secret", "hop-value");
        h.put("X-Forwarded-For", "203.0.113.9");
        h.put("X-Forwarded-Host", "evil.example");
        h.put("Forwarded", "for=198.51.100.1");
        h.put("X-Request-Id", "client-chosen-id-123");
        h.put("Host", "evil.example:8443");
        h.put("Accept", "application/json");
        h.put("X-Custom", "kept");

        RawHttp.Response r =
                RawHttp.send(
                        front.port(),
                        "GET",
                        "/gateway/v1/erp/customers/42?expand=lines&q=a%20b",
                        h,
                        null);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        FakeUpstream.Recorded got = erp.requests("/h1/customers/42").getFirst();
        assertThat(got.method()).isEqualTo("GET");
        assertThat(got.rawQuery()).isEqualTo("expand=lines&q=a%20b");
        for (String stripped :
                List.of(
                        "x-api-key",
                        "cookie",
                        "proxy-authorization",
                        "keep-alive",
                        "te",
                        "upgrade",
                        "trailer",
                        "x-hop-secret",
                        "x-forwarded-host",
                        "forwarded")) {
            assertThat(got.has(stripped)).as(stripped).isFalse();
        }
        assertThat(got.headers().toString())
                .doesNotContain(CLIENT_TOKEN)
                .doesNotContain(CLIENT_KEY)
                .doesNotContain("client-cookie-value")
                .doesNotContain("evil.example");
        assertThat(got.header("authorization"))
                .isEqualTo(
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("erp-user:" + PASSWORD).getBytes()));
        assertThat(got.header("host")).isEqualTo("127.0.0.1:" + erp.port());
        assertThat(got.header("x-forwarded-for")).isEqualTo("203.0.113.9, 127.0.0.1");
        assertThat(got.header("x-request-id"))
                .startsWith("req_test")
                .isNotEqualTo("client-chosen-id-123");
        assertThat(got.header("accept")).isEqualTo("application/json");
        assertThat(got.header("x-custom")).isEqualTo("kept");
        assertThat(r.header("x-request-id")).isEqualTo(got.header("x-request-id"));
    }

    @Test
    void setCookieAndHopByHopAnswerHeadersAreStrippedAndTheRestPassesThrough() throws Exception {
        erp.script(
                "/h2/orders",
                Reply.json(200, "{\"orders\":[1,2]}")
                        .header("Set-Cookie", "B1SESSION=upstream-session; HttpOnly")
                        .header("Set-Cookie", "ROUTEID=.node1")
                        .header("Connection", "X-Internal")
                        .header("X-Internal", "internal-value")
                        .header("Keep-Alive", "timeout=5")
                        .header("Proxy-Authenticate", "Basic realm=erp")
                        .header("ETag", "\"v7\"")
                        .header("X-Erp-Version", "10.0"));
        long tenant = tenantWith(upstream(erp.url("/h2"), none()));

        HttpResponse<String> r = get(tenant, "/orders");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"orders\":[1,2]}");
        assertThat(r.headers().firstValue("ETag")).hasValue("\"v7\"");
        assertThat(r.headers().firstValue("X-Erp-Version")).hasValue("10.0");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().map().keySet())
                .noneMatch(
                        name ->
                                List.of(
                                                "set-cookie",
                                                "x-internal",
                                                "keep-alive",
                                                "proxy-authenticate")
                                        .contains(name.toLowerCase(java.util.Locale.ROOT)));
        RelayResult result = front.lastResult();
        assertThat(result.outcome()).isEqualTo(RelayResult.Outcome.RELAYED);
        assertThat(result.upstreamStatus()).isEqualTo(200);
        assertThat(new String(result.responsePreview(), StandardCharsets.UTF_8))
                .isEqualTo("{\"orders\":[1,2]}");
    }

    @Test
    void aRedirectIsPassedBackAndNotFollowed() throws Exception {
        erp.script("/h3/orders", Reply.redirect(302, erp.url("/h3/orders/7?view=full")));
        erp.script("/h3/sso", Reply.redirect(303, "https://sso.example.com/login"));
        long tenant = tenantWith(upstream(erp.url("/h3"), none()));

        HttpResponse<String> inside = get(tenant, "/orders");
        HttpResponse<String> outside = get(tenant, "/sso");

        assertThat(inside.statusCode()).isEqualTo(302);
        assertThat(inside.headers().firstValue("Location"))
                .hasValue("/gateway/v1/erp/orders/7?view=full");
        assertThat(outside.statusCode()).isEqualTo(303);
        assertThat(outside.headers().firstValue("Location"))
                .hasValue("https://sso.example.com/login");
        assertThat(erp.requests("/h3/orders")).hasSize(1);
        assertThat(erp.requests("/h3/orders/7")).isEmpty();
    }

    @Test
    void aSavedChangeIsUsedByTheNextRelay() throws Exception {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        UpstreamBodies.put(node, t.adminKey(), upstream(erp.url("/c1"), none()));
        long tenant =
                JdbcClient.create(TestDatabase.ownerOf(node.database()))
                        .sql("select id from tenants where public_id = ?")
                        .param(t.id())
                        .query(Long.class)
                        .single();
        assertThat(get(tenant, "/x").statusCode()).isEqualTo(200);

        UpstreamBodies.put(node, t.adminKey(), upstream(erp.url("/c2"), none()));
        assertThat(get(tenant, "/x").statusCode()).isEqualTo(200);

        assertThat(erp.requests("/c1/x")).hasSize(1);
        assertThat(erp.requests("/c2/x")).hasSize(1);
    }

    @Test
    void headAndNoContentAnswersPassThroughWithoutABody() throws Exception {
        erp.script(
                "/hd/item", Reply.status(200).header("Content-Type", "text/plain").body("12345"));
        erp.script("/hd/gone", Reply.status(204).header("X-Deleted", "1"));
        long tenant = tenantWith(upstream(erp.url("/hd"), none()));

        HttpResponse<String> head =
                send(tenant, "HEAD", "/item", HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> gone =
                send(tenant, "DELETE", "/gone", HttpRequest.BodyPublishers.noBody());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(erp.requests("/hd/item").getFirst().method()).isEqualTo("HEAD");
        assertThat(gone.statusCode()).isEqualTo(204);
        assertThat(gone.headers().firstValue("X-Deleted")).hasValue("1");
        assertThat(front.lastResult().outcome()).isEqualTo(RelayResult.Outcome.RELAYED);
    }

    @Test
    void aTenMebibyteBodyStreamsToTheUpstreamWithALengthAndChunked() throws Exception {
        long tenant = tenantWith(upstream(erp.url("/h4"), none()));
        byte[] body = new byte[10 << 20];
        java.util.Arrays.fill(body, (byte) 'b');

        HttpResponse<String> sized =
                send(tenant, "POST", "/upload", HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> chunked =
                send(
                        tenant,
                        "PUT",
                        "/upload",
                        HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(body)));

        assertThat(sized.statusCode()).isEqualTo(200);
        assertThat(chunked.statusCode()).isEqualTo(200);
        List<FakeUpstream.Recorded> got = erp.requests("/h4/upload");
        assertThat(got).extracting(FakeUpstream.Recorded::method).containsExactly("POST", "PUT");
        assertThat(got)
                .extracting(FakeUpstream.Recorded::bodySize)
                .containsOnly((long) body.length);
        assertThat(got.getFirst().header("content-length"))
                .isEqualTo(Integer.toString(body.length));
        assertThat(got.getLast().header("transfer-encoding")).isEqualTo("chunked");
        assertThat(front.lastResult().requestBytes()).isEqualTo(body.length);
        assertThat(front.lastResult().requestPreview()).hasSize(RelayResult.PREVIEW_BYTES);
    }

    @Test
    void aDeclaredOversizeBodyIsRefusedWithoutReachingTheUpstream() {
        long tenant =
                tenantWith(with(upstream(erp.url("/h5"), none()), "max_request_bytes", 1 << 20));
        String body = "a".repeat((1 << 20) + 1);

        RawHttp.Response r =
                RawHttp.send(
                        front.port(), "POST", "/gateway/v1/erp/upload", tenantHeader(tenant), body);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).contains("\"code\":\"payload_too_large\"");
        assertThat(erp.requests("/h5/upload")).isEmpty();
        assertThat(front.lastResult().outcome()).isEqualTo(RelayResult.Outcome.PAYLOAD_TOO_LARGE);
    }

    @Test
    void aChunkedBodyIsCutOffWhenItCrossesTheLimit() throws Exception {
        long tenant =
                tenantWith(with(upstream(erp.url("/h6"), none()), "max_request_bytes", 1 << 20));
        byte[] chunk = new byte[256 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'c');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", front.port()), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head =
                    "POST /gateway/v1/erp/upload HTTP/1.1\r\nHost: x\r\n"
                            + RelayFront.TENANT_HEADER
                            + ": "
                            + tenant
                            + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            ExecutorService writer = Executors.newSingleThreadExecutor();
            writer.submit(
                    () -> {
                        for (int i = 0; i < 8; i++) { // 2 MiB in all
                            out.write(
                                    (Integer.toHexString(chunk.length) + "\r\n")
                                            .getBytes(StandardCharsets.ISO_8859_1));
                            out.write(chunk);
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        return null;
                    });
            String answer =
                    new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            writer.shutdownNow();
            assertThat(answer).startsWith("HTTP/1.1 413").contains("payload_too_large");
        }
        List<FakeUpstream.Recorded> got = erp.requests("/h6/upload");
        assertThat(got).allSatisfy(r -> assertThat(r.bodySize()).isNotEqualTo(2L << 20));
        assertThat(front.lastResult().outcome()).isEqualTo(RelayResult.Outcome.PAYLOAD_TOO_LARGE);
    }

    @Test
    void anUpstreamThatDoesNotAnswerInTimeIs504() throws Exception {
        erp.script("/h7/slow", Reply.json(200, "{}").after(Duration.ofSeconds(3)));
        long tenant = tenantWith(with(upstream(erp.url("/h7"), none()), "timeout_ms", 300));

        HttpResponse<String> r = get(tenant, "/slow");

        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("\"code\":\"upstream_timeout\"");
        assertThat(front.lastResult().reason()).isEqualTo("timeout");
    }

    @Test
    void aRefusedConnectionIs502WithoutTheErrorText() throws Exception {
        long tenant = tenantWith(upstream("http://127.0.0.1:" + TestNode.freePort(), none()));

        HttpResponse<String> r = get(tenant, "/anything");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body())
                .contains("\"code\":\"upstream_unavailable\"")
                .doesNotContain("refused")
                .doesNotContain("127.0.0.1");
        assertThat(front.lastResult().reason()).isEqualTo("connection_refused");
    }

    @Test
    void anAnswerThatIsNotHttpIs502WithoutItsText() throws Exception {
        try (ServerSocket garbage =
                new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual()
                    .start(
                            () -> {
                                try (Socket s = garbage.accept()) {
                                    s.getInputStream().read(new byte[4096]);
                                    s.getOutputStream()
                                            .write(
                                                    "SECRET-GARBAGE not http at all\r\n\r\n"
                                                            .getBytes(StandardCharsets.US_ASCII));
                                } catch (IOException ignored) {
                                    // the test sees the outcome
                                }
                            });
            long tenant =
                    tenantWith(upstream("http://127.0.0.1:" + garbage.getLocalPort(), none()));

            HttpResponse<String> r = get(tenant, "/x");

            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).contains("upstream_unavailable").doesNotContain("SECRET-GARBAGE");
        }
    }

    @Test
    void anAnswerDeclaredOverTheLimitIs502BeforeAnythingIsSent() throws Exception {
        erp.script(
                "/h8/big", Reply.status(200).header("Content-Type", "text/plain").bodyOfSize(5000));
        long tenant =
                tenantWith(with(upstream(erp.url("/h8"), none()), "max_response_bytes", 1000));

        HttpResponse<String> r = get(tenant, "/big");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("upstream_unavailable").doesNotContain("xxxx");
        assertThat(front.lastResult().reason()).isEqualTo("response_too_large");
    }

    @Test
    void aChunkedAnswerThatOutgrowsTheLimitWhileStreamingAbortsTheConnection() throws Exception {
        erp.script("/h9/big", Reply.status(200).bodyOfSize(1 << 20).inChunks());
        long tenant =
                tenantWith(with(upstream(erp.url("/h9"), none()), "max_response_bytes", 100_000));
        byte[] raw;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", front.port()), 5_000);
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(
                            ("GET /gateway/v1/erp/big HTTP/1.1\r\nHost: x\r\n"
                                            + RelayFront.TENANT_HEADER
                                            + ": "
                                            + tenant
                                            + "\r\n\r\n")
                                    .getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try (InputStream in = socket.getInputStream()) {
                in.transferTo(got);
            } catch (IOException reset) {
                // an aborted connection may end in a reset
            }
            raw = got.toByteArray();
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(text)
                .startsWith("HTTP/1.1 200")
                .containsIgnoringCase("transfer-encoding: chunked");
        assertThat(text).doesNotEndWith("0\r\n\r\n");
        assertThat(raw.length).isLessThan(1 << 20);
        assertThat(front.lastResult().outcome()).isEqualTo(RelayResult.Outcome.ABORTED);
        assertThat(front.lastResult().reason()).isEqualTo("response_too_large");
    }

    @Test
    void theSapSessionLogsInOnceForManyRelaysAndSendsTheB1SessionCookie() throws Exception {
        erp.script(
                "/s1/Login", Reply.json(200, "{\"SessionId\":\"s1-first\",\"SessionTimeout\":30}"));
        long tenant = tenantWith(upstream(erp.url("/s1"), sapSession("manager", PASSWORD)));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> get(tenant, "/Orders").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200);
        assertThat(erp.requests("/s1/Login")).hasSize(1);
        assertThat(erp.requests("/s1/Login").getFirst().body())
                .contains("\"UserName\":\"manager\"")
                .contains("\"CompanyDB\":\"SBODEMOUS\"");
        assertThat(erp.requests("/s1/Orders"))
                .hasSize(20)
                .allSatisfy(r -> assertThat(r.header("cookie")).isEqualTo("B1SESSION=s1-first"));
    }

    @Test
    void anUpstream401LogsInAgainOnceAndRetriesOnce() throws Exception {
        erp.script(
                "/s2/Login",
                Reply.json(200, "{\"SessionId\":\"s2-first\"}"),
                Reply.json(200, "{\"SessionId\":\"s2-second\"}"),
                Reply.json(200, "{\"SessionId\":\"s2-third\"}"));
        long tenant = tenantWith(upstream(erp.url("/s2"), sapSession("manager", PASSWORD)));
        assertThat(get(tenant, "/Items").statusCode()).isEqualTo(200);
        erp.script("/s2/Orders", Reply.status(401), Reply.json(200, "{\"value\":[]}"));

        HttpResponse<String> r = get(tenant, "/Orders");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(erp.requests("/s2/Login")).hasSize(2);
        assertThat(erp.requests("/s2/Orders"))
                .extracting(x -> x.header("cookie"))
                .containsExactly("B1SESSION=s2-first", "B1SESSION=s2-second");
        assertThat(front.lastResult().retried()).isTrue();
        assertThat(front.lastResult().sessionLogin()).isTrue();

        erp.script("/s2/Refused", Reply.status(401));
        HttpResponse<String> refused = get(tenant, "/Refused");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(erp.requests("/s2/Refused")).hasSize(2);
        assertThat(erp.requests("/s2/Login")).hasSize(3);
    }

    @Test
    void aBodyTooLargeToReplayIsNotRetriedAfterA401() throws Exception {
        erp.script("/s3/Login", Reply.json(200, "{\"SessionId\":\"s3\"}"));
        erp.script("/s3/Orders", Reply.status(401));
        long tenant = tenantWith(upstream(erp.url("/s3"), sapSession("manager", PASSWORD)));
        byte[] body = new byte[RequestBody.REPLAY_LIMIT + 1];

        HttpResponse<String> r =
                send(tenant, "POST", "/Orders", HttpRequest.BodyPublishers.ofByteArray(body));

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(erp.requests("/s3/Orders")).hasSize(1);
        assertThat(erp.requests("/s3/Login")).hasSize(1);
        assertThat(front.lastResult().retried()).isFalse();
    }

    @Test
    void theBearerShapeSendsTheTokenAsAuthorizationInsteadOfTheClients() throws Exception {
        erp.script(
                "/b1/auth/token",
                Reply.json(200, "{\"data\":{\"access_token\":\"erp-bearer-token-1\"}}"));
        long tenant = tenantWith(upstream(erp.url("/b1"), bearerSession("svc", PASSWORD, API_KEY)));

        assertThat(
                        send(tenant, "DELETE", "/orders/9", HttpRequest.BodyPublishers.noBody())
                                .statusCode())
                .isEqualTo(200);

        assertThat(erp.requests("/b1/auth/token").getFirst().body())
                .isEqualTo(
                        "{\"user\":\"svc\",\"secret\":\""
                                + PASSWORD
                                + "\",\"key\":\""
                                + API_KEY
                                + "\"}");
        FakeUpstream.Recorded got = erp.requests("/b1/orders/9").getFirst();
        assertThat(got.method()).isEqualTo("DELETE");
        assertThat(got.header("authorization")).isEqualTo("Bearer erp-bearer-token-1");
    }

    @Test
    void twoNodesSeeingA401LogInOnlyOnce() throws Exception {
        erp.script(
                "/s4/Login",
                Reply.json(200, "{\"SessionId\":\"s4-a\"}"),
                Reply.json(200, "{\"SessionId\":\"s4-b\"}"));
        long tenant = tenantWith(upstream(erp.url("/s4"), sapSession("manager", PASSWORD)));
        Upstreams upstreams = node.bean(Upstreams.class);
        Upstream u = upstreams.find(new TenantId(tenant)).orElseThrow();
        UpstreamAuth.Session auth = (UpstreamAuth.Session) u.auth();
        UpstreamSessions one = node.bean(UpstreamSessions.class);
        UpstreamSessions other =
                new UpstreamSessions(
                        upstreams,
                        node.bean(UpstreamVault.class),
                        node.bean(UpstreamLogin.class),
                        java.time.Clock.systemUTC());
        var first = (UpstreamSessions.Ready) one.current(u, auth);
        long stale = first.credential().version();

        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        Future<UpstreamSessions.Obtained> a = pool.submit(() -> one.renew(u, auth, stale));
        Future<UpstreamSessions.Obtained> b = pool.submit(() -> other.renew(u, auth, stale));
        var ra = (UpstreamSessions.Ready) a.get();
        var rb = (UpstreamSessions.Ready) b.get();
        pool.shutdown();

        assertThat(erp.requests("/s4/Login")).hasSize(2);
        assertThat(ra.credential().value()).isEqualTo("B1SESSION=s4-b");
        assertThat(rb.credential().value()).isEqualTo("B1SESSION=s4-b");
        assertThat(ra.credential().version()).isEqualTo(rb.credential().version());
    }

    @Test
    void aFailingLoginIs502AndIsNotRepeatedForEveryRelay() throws Exception {
        erp.script("/s5/Login", Reply.json(401, "{\"error\":\"SECRET-UPSTREAM-TEXT\"}"));
        long tenant = tenantWith(upstream(erp.url("/s5"), sapSession("manager", PASSWORD)));

        HttpResponse<String> first = get(tenant, "/Orders");
        HttpResponse<String> second = get(tenant, "/Orders");

        assertThat(first.statusCode()).isEqualTo(502);
        assertThat(first.body())
                .contains("upstream_unavailable")
                .doesNotContain("SECRET-UPSTREAM-TEXT");
        assertThat(second.statusCode()).isEqualTo(502);
        assertThat(erp.requests("/s5/Login")).hasSize(1);
        assertThat(erp.requests("/s5/Orders")).isEmpty();
        assertThat(front.lastResult().reason()).isEqualTo("login_rejected");
    }

    @Test
    void aNameThatResolvesPrivateIsRefusedAtConnectTime() throws Exception {
        try (UpstreamHttp guarded =
                new UpstreamHttp(
                        false,
                        host ->
                                new java.net.InetAddress[] {
                                    java.net.InetAddress.getLoopbackAddress()
                                })) {
            var request =
                    new org.apache.hc.core5.http.message.BasicClassicHttpRequest("GET", "/h10/x");
            UpstreamHttp.Target target =
                    UpstreamHttp.Target.of("http://erp.example.test:" + erp.port());
            IOException refused = null;
            try (var response = guarded.execute(target, request, 2000)) {
                assertThat(response.getCode()).as("must not connect").isZero();
            } catch (IOException e) {
                refused = e;
            }
            assertThat(refused).isNotNull();
            assertThat(UpstreamHttp.failure(refused))
                    .isEqualTo(UpstreamHttp.Failure.PRIVATE_TARGET);
            assertThat(erp.requests("/h10/x")).isEmpty();
        }
    }

    @Test
    void secretsAndSessionTokensNeverReachTheLogsOrTheClient() throws Exception {
        String token = "b1-token-never-logged-" + "8".repeat(12);
        erp.script("/s6/Login", Reply.json(200, "{\"SessionId\":\"" + token + "\"}"));
        erp.script("/s6/Orders", Reply.status(401), Reply.json(200, "{}"));
        long tenant = tenantWith(upstream(erp.url("/s6"), sapSession("manager", PASSWORD)));
        List<String> lines;
        HttpResponse<String> r;
        try (CapturedLogs logs = CapturedLogs.start()) {
            r = get(tenant, "/Orders");
            get(tenant, "/Orders");
            lines = logs.events();
        }
        assertThat(r.headers().map().toString() + r.body())
                .doesNotContain(token)
                .doesNotContain(PASSWORD);
        assertThat(lines)
                .noneMatch(
                        l ->
                                l.contains(token)
                                        || l.contains(PASSWORD)
                                        || l.contains(CLIENT_TOKEN)
                                        || l.contains(CLIENT_KEY));
        assertThat(front.results().toString()).doesNotContain(token);
    }

    @SuppressWarnings("unused")
    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
