package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

class EdgeFiltersTest {

    @Test
    void anInboundRequestIdIsNeverTheRef() throws Exception {
        var response =
                WebStack.defaults()
                        .mvc()
                        .perform(
                                get("/v1/things")
                                        .param("limit", "1")
                                        .header("X-Request-Id", "abc.DEF-123_x"))
                        .andReturn()
                        .getResponse();
        assertThat(response.getHeader("X-Request-Id")).matches("req_[0-9A-Z]{26}");
        assertThat(response.getHeaders("X-Request-Id")).hasSize(1);
    }

    @Test
    void unacceptableInboundRequestIdIsReplaced() throws Exception {
        var response =
                WebStack.defaults()
                        .mvc()
                        .perform(
                                get("/v1/things")
                                        .param("limit", "1")
                                        .header("X-Request-Id", "bad id!"))
                        .andReturn()
                        .getResponse();
        assertThat(response.getHeader("X-Request-Id")).matches("req_[0-9A-Z]{26}");
    }

    @Test
    void refAndCorrelationIdAreInTheMdcDuringTheRequestAndGoneAfter() throws Exception {
        var seen = new AtomicReference<String>();
        var correlation = new AtomicReference<String>();
        var infoSeen = new AtomicReference<RequestInfo>();
        Filter spy =
                (req, res, chain) -> {
                    seen.set(MDC.get("ref"));
                    correlation.set(MDC.get("correlation_id"));
                    infoSeen.set((RequestInfo) req.getAttribute(RequestInfo.ATTRIBUTE));
                    chain.doFilter(req, res);
                };
        WebStack.defaults()
                .beforeBodyLimit(spy)
                .mvc()
                .perform(
                        get("/v1/things")
                                .param("limit", "1")
                                .header("X-Request-Id", "trace-0001")
                                .header("User-Agent", "u".repeat(600)));
        assertThat(seen.get()).matches("req_[0-9A-Z]{26}").isEqualTo(infoSeen.get().ref());
        assertThat(correlation.get()).isEqualTo("trace-0001");
        assertThat(infoSeen.get().correlationId()).isEqualTo("trace-0001");
        assertThat(infoSeen.get().userAgent()).hasSize(512);
        assertThat(infoSeen.get().clientIp()).isEqualTo("127.0.0.1");
        assertThat(MDC.get("ref")).isNull();
        assertThat(MDC.get("correlation_id")).isNull();
    }

    @Test
    void aSecretShapedRequestIdIsMaskedAndAMalformedOneDropped() throws Exception {
        var infoSeen = new AtomicReference<RequestInfo>();
        Filter spy =
                (req, res, chain) -> {
                    infoSeen.set((RequestInfo) req.getAttribute(RequestInfo.ATTRIBUTE));
                    chain.doFilter(req, res);
                };
        var mvc = WebStack.defaults().beforeBodyLimit(spy).mvc();
        String key = "gk_" + "A1b2C3d4".repeat(5) + "xyz";
        mvc.perform(get("/v1/things").param("limit", "1").header("X-Request-Id", key));
        assertThat(infoSeen.get().correlationId()).isEqualTo("[redacted]");
        mvc.perform(get("/v1/things").param("limit", "1").header("X-Request-Id", "bad id!"));
        assertThat(infoSeen.get().correlationId()).isNull();
        mvc.perform(get("/v1/things").param("limit", "1"));
        assertThat(infoSeen.get().correlationId()).isNull();
    }

    @Test
    void exceptionInsideAFilterIsAGeneric500Problem() throws Exception {
        Filter broken =
                (req, res, chain) -> {
                    throw new IllegalStateException(
                            "org.postgresql.util.PSQLException: SELECT * FROM secret_table");
                };
        var response =
                WebStack.defaults()
                        .beforeBodyLimit(broken)
                        .mvc()
                        .perform(get("/v1/things"))
                        .andExpect(status().isInternalServerError())
                        .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                        .andExpect(jsonPath("$.code").value("internal_error"))
                        .andExpect(jsonPath("$.ref").isString())
                        .andReturn()
                        .getResponse();
        assertThat(response.getContentAsString()).doesNotContain("secret_table", "PSQLException");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void securityHeadersAreOnEveryApiResponseIncludingErrors() throws Exception {
        WebStack.defaults()
                .mvc()
                .perform(get("/v1/nowhere"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("Content-Security-Policy", "frame-ancestors 'none'"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(header().doesNotExist("Strict-Transport-Security"));
    }

    @Test
    void hstsOnlyInProduction() throws Exception {
        new WebStack(
                        WebSettings.defaults()
                                .withProduction(true)
                                .withRateLimits(100, 100, WebSettings.RateLimitBackend.MEMORY))
                .mvc()
                .perform(get("/portal/page"))
                .andExpect(
                        header().string(
                                        "Strict-Transport-Security",
                                        "max-age=31536000; includeSubDomains"))
                .andExpect(header().doesNotExist("Cache-Control"));
    }

    @Test
    void widgetFramePathsMayBeFramed() throws Exception {
        WebStack.defaults()
                .mvc()
                .perform(get("/widget/frame"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().doesNotExist("X-Frame-Options"))
                .andExpect(header().doesNotExist("Content-Security-Policy"));
    }

    @Test
    void corsReflectsAnyOriginByDefaultWithoutCredentials() throws Exception {
        WebStack.defaults()
                .mvc()
                .perform(
                        get("/v1/things")
                                .param("limit", "1")
                                .header("Origin", "https://app.example"))
                .andExpect(header().string("Access-Control-Allow-Origin", "https://app.example"))
                .andExpect(
                        header().string(
                                        "Access-Control-Expose-Headers",
                                        ApiCorsFilter.EXPOSED_HEADERS))
                .andExpect(header().string("Vary", "Origin"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Credentials"));
    }

    @Test
    void preflightAnswers204WithMethodsHeadersAndMaxAge() throws Exception {
        WebStack.defaults()
                .mvc()
                .perform(
                        options("/v1/widgets")
                                .header("Origin", "https://app.example")
                                .header("Access-Control-Request-Method", "POST"))
                .andExpect(status().isNoContent())
                .andExpect(
                        header().string(
                                        "Access-Control-Allow-Methods",
                                        "GET, POST, PUT, PATCH, DELETE"))
                .andExpect(
                        header().string(
                                        "Access-Control-Allow-Headers",
                                        "Authorization, Content-Type, X-Request-Id,"
                                                + " Idempotency-Key"))
                .andExpect(header().string("Access-Control-Max-Age", "600"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Credentials"));
    }

    @Test
    void listedOriginsOnlyWhenConfigured() throws Exception {
        var mvc =
                new WebStack(
                                WebSettings.defaults()
                                        .withCorsAllowedOrigins(List.of("https://good.example"))
                                        .withRateLimits(
                                                100, 100, WebSettings.RateLimitBackend.MEMORY))
                        .mvc();
        mvc.perform(get("/v1/things").param("limit", "1").header("Origin", "https://good.example"))
                .andExpect(header().string("Access-Control-Allow-Origin", "https://good.example"));
        mvc.perform(get("/v1/things").param("limit", "1").header("Origin", "https://evil.example"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
        mvc.perform(
                        options("/v1/things")
                                .header("Origin", "https://evil.example")
                                .header("Access-Control-Request-Method", "GET"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }

    @Test
    void portalPathsGetNoCorsAtAll() throws Exception {
        WebStack.defaults()
                .mvc()
                .perform(get("/portal/page").header("Origin", "https://app.example"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"))
                .andExpect(header().doesNotExist("Vary"));
    }

    @Test
    void declaredContentLengthOverTheLimitIs413() throws Exception {
        var mvc =
                new WebStack(
                                WebSettings.defaults()
                                        .withMaxBodyBytes(1024)
                                        .withRateLimits(
                                                100, 100, WebSettings.RateLimitBackend.MEMORY))
                        .mvc();
        mvc.perform(
                        post("/v1/widgets")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"display_name\":\""
                                                + "x".repeat(2000)
                                                + "\",\"max_items\":1}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("payload_too_large"))
                .andExpect(
                        jsonPath("$.type")
                                .value("https://gatehouse.dev/problems/payload-too-large"));
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        Filter chunked =
                (req, res, chain) ->
                        chain.doFilter(
                                new HttpServletRequestWrapper((HttpServletRequest) req) {
                                    @Override
                                    public long getContentLengthLong() {
                                        return -1;
                                    }

                                    @Override
                                    public int getContentLength() {
                                        return -1;
                                    }
                                },
                                res);
        var mvc =
                new WebStack(
                                WebSettings.defaults()
                                        .withMaxBodyBytes(1024)
                                        .withRateLimits(
                                                100, 100, WebSettings.RateLimitBackend.MEMORY))
                        .beforeBodyLimit(chunked)
                        .mvc();
        mvc.perform(
                        post("/v1/widgets")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"display_name\":\""
                                                + "x".repeat(5000)
                                                + "\",\"max_items\":1}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.code").value("payload_too_large"));
        mvc.perform(
                        post("/v1/widgets")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"display_name\":\"ok\",\"max_items\":1}"))
                .andExpect(status().isOk());
    }

    @Test
    void jsonDeeperThanThirtyTwoIs400WithAClearMessage() throws Exception {
        var mvc = WebStack.defaults().mvc();
        mvc.perform(post("/v1/widgets").contentType(MediaType.APPLICATION_JSON).content(nested(30)))
                .andExpect(status().isOk());
        mvc.perform(post("/v1/widgets").contentType(MediaType.APPLICATION_JSON).content(nested(40)))
                .andExpect(status().isBadRequest())
                .andExpect(
                        jsonPath("$.errors[0].message")
                                .value("exceeds the nesting depth of 32 or another JSON limit"));
    }

    private static String nested(int depth) {
        return "{\"display_name\":\"W\",\"max_items\":1,\"metadata\":"
                + "{\"a\":".repeat(depth - 1)
                + "1"
                + "}".repeat(depth - 1)
                + "}";
    }

    @Test
    void errorPageAnswersProblemJsonNotBootDefaults() throws Exception {
        var renderer = new ProblemRenderer();
        var controller =
                new ProblemErrorController(
                        renderer, new ProblemMapper(1024, 32), java.util.List.of());
        var request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(
                RequestDispatcher.ERROR_EXCEPTION,
                new RuntimeException("PSQLException SELECT * FROM secret_table"));
        request.setAttribute(
                RequestInfo.ATTRIBUTE, new RequestInfo("req_fromfilter01", "127.0.0.1", null));
        var response = new MockHttpServletResponse();
        controller.error(request, response);
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString())
                .contains("\"code\":\"internal_error\"", "\"ref\":\"req_fromfilter01\"")
                .doesNotContain("secret_table", "timestamp", "\"error\"", "\"path\"");
    }

    @Test
    void errorPageKeepsTheContainerStatusMeaning() throws Exception {
        var controller =
                new ProblemErrorController(
                        new ProblemRenderer(), new ProblemMapper(1024, 32), java.util.List.of());
        var request = new MockHttpServletRequest("GET", "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 404);
        var response = new MockHttpServletResponse();
        controller.error(request, response);
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getContentAsString()).contains("\"code\":\"not_found\"");
    }
}
