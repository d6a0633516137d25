package dev.gatehouse.portal;

import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Portal pages answer errors as pages, not problem+json: an expected problem shows its safe detail,
 * anything else a generic message with the ref, its cause logged server-side.
 */
@ControllerAdvice(basePackageClasses = PortalErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalErrors {

    private static final Logger log = LoggerFactory.getLogger(PortalErrors.class);

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(
            ApiProblem problem, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(problem.status());
        return Pages.page(
                "error",
                request,
                "status",
                problem.status(),
                "detail",
                detail(PortalContext.of(request), problem));
    }

    /** The sentence for {@code problem}'s status in the reader's language, else its detail. */
    static String detail(PortalContext ctx, ApiProblem problem) {
        String localized = ctx.msg().text("error.status." + problem.status());
        return localized.startsWith("??") ? problem.detail() : localized;
    }

    @ExceptionHandler(Exception.class)
    ModelAndView failure(
            Exception failure, HttpServletRequest request, HttpServletResponse response) {
        log.error(
                "Portal page failed: {} {}", request.getMethod(), request.getRequestURI(), failure);
        response.setStatus(500);
        return Pages.page(
                "error",
                request,
                "status",
                500,
                "detail",
                "An internal error occurred. Quote the ref "
                        + response.getHeader("X-Request-Id")
                        + " when reporting it.");
    }
}
