package dev.gatehouse.portal;

import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.ProblemPages;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The portal's answer to problems the kernel's edge finds on portal paths before any portal
 * controller runs (an unknown URL: 404; a method a page does not take: 405): the portal's error
 * page in the reader's language, with the status kept. Assets and the CSP report endpoint, which
 * browsers fetch without showing, keep problem+json; so does a request the portal filter has not
 * seen (it has no language or session to show).
 */
final class PortalProblemPages implements ProblemPages {

    /** Request attribute the portal filter sets before refusing a form (CSRF, another site). */
    static final String FORM_EXPIRED = PortalProblemPages.class.getName() + ".formExpired";

    private final TemplateEngine templates;

    PortalProblemPages(TemplateEngine templates) {
        this.templates = templates;
    }

    /**
     * The path the portal filter saw (on the container's error dispatch the request's own path is
     * {@code /error}).
     */
    @Override
    public boolean serves(HttpServletRequest request) {
        return request.getAttribute(PortalContext.ATTRIBUTE) instanceof PortalContext ctx
                && ctx.path().startsWith("/portal/")
                && !ctx.path().startsWith("/portal/assets/")
                && !ctx.path().equals("/portal/csp-report");
    }

    @Override
    public void render(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        PortalContext ctx = PortalContext.of(request);
        var html = new StringOutput();
        templates.render(
                "error.jte",
                Map.of(
                        "ctx",
                        ctx,
                        "status",
                        problem.status(),
                        "detail",
                        Boolean.TRUE.equals(request.getAttribute(FORM_EXPIRED))
                                ? ctx.msg().text("error.formExpired")
                                : PortalErrors.detail(ctx, problem)),
                html);
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
