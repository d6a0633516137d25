package dev.gatehouse.portal;

import dev.gatehouse.gateway.upstream.Upstream;
import dev.gatehouse.gateway.upstream.UpstreamAdministration;
import dev.gatehouse.gateway.upstream.UpstreamAuth;
import dev.gatehouse.gateway.upstream.UpstreamProbe;
import dev.gatehouse.gateway.upstream.UpstreamRequests;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ERP Access → the upstream: the ERP's base URL, how the gateway signs in to it, its timeout and
 * body limits, and a "Test connection" button. Secrets (password, header value, API key) are
 * write-only: the form never shows them, and a save that leaves one empty keeps the stored one (as
 * {@code PUT /v1/gateway/upstream} does for the same auth type). Reading needs {@code
 * gateway:read}, saving and testing {@code gateway:admin}; both go through {@link
 * UpstreamAdministration}, which validates and audits them as the API's.
 */
@Controller
class GatewayUpstreamPages {

    static final String PATH = GatewayAccountPages.BASE + "/upstream";

    /** The API's field names → the form's. */
    static final Map<String, String> FIELDS =
            Map.ofEntries(
                    Map.entry("base_url", "baseUrl"),
                    Map.entry("timeout_ms", "timeoutMs"),
                    Map.entry("max_request_bytes", "maxRequestBytes"),
                    Map.entry("max_response_bytes", "maxResponseBytes"),
                    Map.entry("auth", "authType"),
                    Map.entry("auth.type", "authType"),
                    Map.entry("auth.username", "username"),
                    Map.entry("auth.password", "password"),
                    Map.entry("auth.name", "headerName"),
                    Map.entry("auth.value", "headerValue"),
                    Map.entry("auth.login_path", "loginPath"),
                    Map.entry("auth.body_template", "bodyTemplate"),
                    Map.entry("auth.api_key", "apiKey"),
                    Map.entry("auth.token_pointer", "tokenPointer"),
                    Map.entry("auth.token_header", "tokenHeader"),
                    Map.entry("auth.token_prefix", "tokenPrefix"),
                    Map.entry("auth.ttl_seconds", "ttlSeconds"));

    private final UpstreamAdministration administration;

    GatewayUpstreamPages(UpstreamAdministration administration) {
        this.administration = administration;
    }

    @GetMapping(PATH)
    ModelAndView show(
            HttpServletRequest request, @RequestParam(required = false) @Nullable String done) {
        PortalUser user = GatewayAccess.reader(request);
        Optional<Upstream> current = administration.find(user.tenant());
        return page(
                request,
                user,
                current,
                current.map(GatewayUpstreamPages::form).orElse(blank()),
                null,
                GatewayAccess.notice(done));
    }

    @PostMapping(PATH)
    ModelAndView save(
            HttpServletRequest request,
            @RequestParam Map<String, String> params,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String headerValue,
            @RequestParam(defaultValue = "") String apiKey) {
        PortalUser user = GatewayAccess.admin(request);
        Msg msg = PortalContext.of(request).msg();
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FIELDS.values()) {
            if (!List.of("password", "headerValue", "apiKey").contains(f)) {
                String raw = params.getOrDefault(f, "");
                values.put(f, f.equals("tokenPrefix") ? raw : raw.strip());
            }
        }
        GatewayForm form = GatewayForm.of(values);
        Map<String, String> errors = new LinkedHashMap<>();
        Integer timeout = number(form, "timeoutMs", errors, msg);
        Long maxRequest = wholeLong(form, "maxRequestBytes", errors, msg);
        Long maxResponse = wholeLong(form, "maxResponseBytes", errors, msg);
        Integer ttl = number(form, "ttlSeconds", errors, msg);
        Optional<Upstream> current = administration.find(user.tenant());
        if (!errors.isEmpty()) {
            return page(request, user, current, new GatewayForm(values, errors), null, null);
        }
        String type = form.value("authType");
        UpstreamRequests.AuthBody auth =
                new UpstreamRequests.AuthBody(
                        type.isEmpty() ? null : type,
                        pick(type, form.value("username"), "basic", "session"),
                        pick(type, password, "basic", "session"),
                        pick(type, form.value("headerName"), "header"),
                        pick(type, headerValue, "header"),
                        pick(type, form.value("loginPath"), "session"),
                        pick(type, form.value("bodyTemplate"), "session"),
                        pick(type, apiKey, "session"),
                        pick(type, form.value("tokenPointer"), "session"),
                        pick(type, form.value("tokenHeader"), "session"),
                        "session".equals(type) ? form.value("tokenPrefix") : null,
                        "session".equals(type) ? ttl : null);
        return switch (administration.save(
                user.tenant(),
                new UpstreamRequests.UpstreamBody(
                        form.value("baseUrl").isEmpty() ? null : form.value("baseUrl"),
                        auth,
                        timeout,
                        maxRequest,
                        maxResponse),
                GatewayAccess.actor(user))) {
            case UpstreamAdministration.Stored s ->
                    new ModelAndView("redirect:" + PATH + "?done=upstreamSaved");
            case UpstreamAdministration.Rejected(var problems) -> {
                Map<String, String> out = new LinkedHashMap<>();
                for (ApiProblem.FieldMessage p : problems) {
                    out.putIfAbsent(
                            FIELDS.getOrDefault(p.field(), "baseUrl"),
                            msg.text("gateway.error.other", p.message()));
                }
                yield page(request, user, current, new GatewayForm(values, out), null, null);
            }
        };
    }

    @PostMapping(PATH + "/test")
    ModelAndView test(HttpServletRequest request) {
        PortalUser user = GatewayAccess.admin(request);
        Optional<Upstream> current = administration.find(user.tenant());
        UpstreamProbe.Result result =
                administration
                        .test(user.tenant(), GatewayAccess.actor(user))
                        .orElseThrow(() -> ApiProblem.notFound("No upstream is configured."));
        return page(
                request,
                user,
                current,
                current.map(GatewayUpstreamPages::form).orElse(blank()),
                result,
                null);
    }

    private ModelAndView page(
            HttpServletRequest request,
            PortalUser user,
            Optional<Upstream> current,
            GatewayForm form,
            UpstreamProbe.@Nullable Result test,
            @Nullable String notice) {
        return Pages.page(
                "gateway/upstream",
                request,
                "upstream",
                current.orElse(null),
                "settings",
                current.map(u -> u.auth().wire()).orElse(Map.of()),
                "form",
                form,
                "test",
                test,
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "notice",
                notice);
    }

    /** The value when {@code type} is one of {@code types}, else null (the API refuses others). */
    private static @Nullable String pick(String type, String value, String... types) {
        return List.of(types).contains(type) && !value.isEmpty() ? value : null;
    }

    private static @Nullable Integer number(
            GatewayForm form, String field, Map<String, String> errors, Msg msg) {
        Long v = wholeLong(form, field, errors, msg);
        if (v != null && v > Integer.MAX_VALUE) {
            errors.put(field, msg.text("gateway.error.number"));
            return null;
        }
        return v == null ? null : v.intValue();
    }

    private static @Nullable Long wholeLong(
            GatewayForm form, String field, Map<String, String> errors, Msg msg) {
        String s = form.value(field);
        if (s.isEmpty()) {
            return null;
        }
        if (!s.matches("\\d{1,15}")) {
            errors.put(field, msg.text("gateway.error.number"));
            return null;
        }
        return Long.parseLong(s);
    }

    private static GatewayForm blank() {
        return GatewayForm.of(Map.of("authType", "none"));
    }

    /** The form filled with the stored settings; secrets are never put in it. */
    private static GatewayForm form(Upstream u) {
        Map<String, String> v = new HashMap<>();
        v.put("baseUrl", u.baseUrl());
        v.put("authType", u.auth().type());
        v.put("timeoutMs", String.valueOf(u.timeoutMs()));
        v.put("maxRequestBytes", String.valueOf(u.maxRequestBytes()));
        v.put("maxResponseBytes", String.valueOf(u.maxResponseBytes()));
        switch (u.auth()) {
            case UpstreamAuth.None n -> {}
            case UpstreamAuth.Basic b -> v.put("username", b.username());
            case UpstreamAuth.Header h -> v.put("headerName", h.name());
            case UpstreamAuth.Session s -> {
                v.put("loginPath", s.loginPath());
                v.put("bodyTemplate", s.bodyTemplate());
                v.put("username", s.username());
                v.put("tokenPointer", s.tokenPointer());
                v.put("tokenHeader", s.tokenHeader());
                v.put("tokenPrefix", s.tokenPrefix());
                v.put("ttlSeconds", String.valueOf(s.ttlSeconds()));
            }
        }
        return GatewayForm.of(v);
    }
}
