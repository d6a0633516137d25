package dev.gatehouse.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** Fetching a document by URL, against a real HTTP server on loopback. */
class DocumentDownloadsTest {

    private final AtomicInteger hits = new AtomicInteger();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    hits.incrementAndGet();
                    String path = exchange.getRequestURI().getPath();
                    if (path.equals("/big")) {
                        exchange.sendResponseHeaders(200, 0);
                        byte[] chunk = new byte[64 * 1024];
                        try {
                            for (int i = 0; i < 100; i++) {
                                exchange.getResponseBody().write(chunk);
                            }
                        } catch (IOException e) {
                            // the client stopped reading: expected
                        }
                    } else {
                        byte[] body =
                                "openapi: 3.0.0".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(path.equals("/ok") ? 200 : 503, body.length);
                        exchange.getResponseBody().write(body);
                    }
                    exchange.close();
                });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void productionFetchesNothing() {
        assertThat(new DocumentDownloads(true).fetch(base + "/ok"))
                .isInstanceOf(DocumentDownloads.NotAllowed.class);
        assertThat(hits).hasValue(0);
    }

    @Test
    void developmentFetchesA200Answer() {
        assertThat(new DocumentDownloads(false).fetch(base + "/ok"))
                .isEqualTo(new DocumentDownloads.Downloaded("openapi: 3.0.0"));
    }

    @Test
    void otherAnswersAndOversizeDocumentsAreUnavailable() {
        var downloads = new DocumentDownloads(false);
        assertThat(downloads.fetch(base + "/down"))
                .extracting(d -> ((DocumentDownloads.Unavailable) d).code())
                .isEqualTo("document_unavailable");
        assertThat(downloads.fetch(base + "/big"))
                .extracting(d -> ((DocumentDownloads.Unavailable) d).code())
                .isEqualTo("document_too_large");
    }

    @Test
    void onlyPlainHttpUrlsAreTried() {
        var downloads = new DocumentDownloads(false);
        for (String url :
                new String[] {
                    "file:///etc/passwd",
                    "ftp://127.0.0.1/x",
                    "http://user:pw@127.0.0.1:1/x",
                    "/relative",
                    "http://" + "a".repeat(DocumentDownloads.MAX_URL) + ".example"
                }) {
            assertThat(downloads.fetch(url))
                    .as(url)
                    .isInstanceOf(DocumentDownloads.NotAllowed.class);
        }
        assertThat(hits).hasValue(0);
    }
}
