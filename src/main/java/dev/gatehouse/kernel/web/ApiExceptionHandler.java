package dev.gatehouse.kernel.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

import java.io.IOException;
import java.util.List;

/**
 * Renders every exception thrown by a controller, or by Spring MVC while resolving one, as
 * problem+json through {@link ProblemMapper} and {@link ProblemRenderer}, or as a page when a
 * product that serves people pages claims the request ({@link ProblemPages}). Writes the response
 * itself, so the client's {@code Accept} header cannot turn an error into a 406.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ProblemRenderer renderer;
    private final ProblemMapper mapper;
    private final List<ProblemListener> listeners;
    private final List<ProblemPages> pages;

    /**
     * @param pages products that answer the problems of their own requests as pages (the portal)
     */
    public ApiExceptionHandler(
            ProblemRenderer renderer,
            ProblemMapper mapper,
            List<ProblemListener> listeners,
            List<ProblemPages> pages) {
        this.renderer = renderer;
        this.mapper = mapper;
        this.listeners = List.copyOf(listeners);
        this.pages = List.copyOf(pages);
    }

    /**
     * The client went away while its response was being written (a closed stream, a cancelled
     * download): there is no one to answer and nothing went wrong on our side.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone(AsyncRequestNotUsableException failure, HttpServletRequest request) {
        log.debug("Client went away during {}: {}", request.getRequestURI(), failure.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public void handle(
            Exception failure, HttpServletRequest request, HttpServletResponse response) {
        ApiProblem problem = mapper.toProblem(failure, request);
        if (problem.status() >= 500 && !(failure instanceof ApiProblem)) {
            log.error(
                    "Unhandled failure on {} {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure);
        } else if (problem.status() >= 500) {
            // A deliberate answer such as 502 dns_provider_failed: worth a line, not a stack trace.
            log.warn(
                    "{} {} answered {} {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    problem.status(),
                    problem.code());
        }
        if (failure instanceof HttpRequestMethodNotSupportedException e
                && e.getSupportedHttpMethods() != null) {
            response.setHeader(
                    "Allow",
                    String.join(
                            ", ",
                            e.getSupportedHttpMethods().stream().map(Object::toString).toList()));
        }
        if (failure instanceof ApiProblem) {
            listeners.forEach(l -> l.beforeRender(request, problem));
        }
        for (ProblemPages page : pages) {
            if (page.serves(request)) {
                try {
                    page.render(request, response, problem);
                    return;
                } catch (IOException | RuntimeException e) {
                    log.warn("Could not render the problem page; answering problem+json", e);
                }
            }
        }
        renderer.write(request, response, problem);
    }
}
