package dev.gatehouse.kernel.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;

/**
 * Replaces Spring Boot's {@code BasicErrorController} at {@code /error}: whatever the container
 * forwards here (a {@code sendError}, an exception no filter caught) is answered as problem+json,
 * never as Boot's default JSON or the white-label page.
 *
 * <p>Only the container's error dispatch has something to report. A client asking for {@code
 * /error} itself gets the quiet 404 of any unknown route, never a 500 with an ERROR line: otherwise
 * anyone could fill the log without credentials. The management listener answers through the same
 * method ({@link ManagementEdge}). A product that serves people pages may claim the request and
 * answer with its page instead ({@link ProblemPages}).
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ProblemRenderer renderer;
    private final ProblemMapper mapper;
    private final List<ProblemPages> pages;

    /**
     * @param pages products that answer the problems of their own requests as pages (the portal)
     */
    public ProblemErrorController(
            ProblemRenderer renderer, ProblemMapper mapper, List<ProblemPages> pages) {
        this.renderer = renderer;
        this.mapper = mapper;
        this.pages = List.copyOf(pages);
    }

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            renderer.write(request, response, Problems.routeNotFound());
            return;
        }
        ApiProblem problem = problemFor(request);
        String ref =
                request.getAttribute(RequestInfo.ATTRIBUTE) instanceof RequestInfo info
                        ? info.ref()
                        : null;
        if (ref != null) {
            MDC.put(ProblemRenderer.MDC_REF, ref);
            response.setHeader(RequestIdFilter.HEADER, ref);
        }
        try {
            if (problem.status() >= 500) {
                log.error(
                        "Error page reached for {} with status {}",
                        request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                        request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE),
                        request.getAttribute(RequestDispatcher.ERROR_EXCEPTION)
                                        instanceof Throwable t
                                ? t
                                : null);
            }
            if (!renderedAsPage(request, response, problem)) {
                renderer.write(request, response, problem);
            }
        } finally {
            if (ref != null) {
                MDC.remove(ProblemRenderer.MDC_REF);
            }
        }
    }

    private boolean renderedAsPage(
            HttpServletRequest request, HttpServletResponse response, ApiProblem problem) {
        for (ProblemPages page : pages) {
            if (page.serves(request)) {
                try {
                    page.render(request, response, problem);
                    return true;
                } catch (IOException | RuntimeException e) {
                    log.warn("Could not render the problem page; answering problem+json", e);
                }
            }
        }
        return false;
    }

    private ApiProblem problemFor(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            ApiProblem mapped = mapper.toProblem(failure, request);
            if (mapped.status() != 500) {
                return mapped;
            }
        }
        int status =
                request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
                        ? code
                        : 500;
        return Problems.forStatus(status);
    }
}
