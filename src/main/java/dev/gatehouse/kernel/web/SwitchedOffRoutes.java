package dev.gatehouse.kernel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * The routes of a product that is switched off ({@code GATEHOUSE_<NAME>_ENABLED=false}): they
 * answer 404 before authentication, as if they did not exist. A product registers one with {@link
 * #register} under {@code @ConditionalOnBooleanProperty(name = "gatehouse.products.<name>",
 * havingValue = false)}; its workers and other beans simply are not created.
 */
public final class SwitchedOffRoutes extends OncePerRequestFilter {

    private final List<String> prefixes;
    private final String detail;
    private final ProblemRenderer problems;

    private SwitchedOffRoutes(List<String> prefixes, String detail, ProblemRenderer problems) {
        this.prefixes = List.copyOf(prefixes);
        this.detail = detail;
        this.problems = problems;
    }

    /**
     * The filter for {@code prefixes}, ordered right after the body limit.
     *
     * @param detail the problem's sentence, such as "Connect Domain is switched off on this
     *     installation."
     */
    public static FilterRegistrationBean<SwitchedOffRoutes> register(
            List<String> prefixes, String detail, ProblemRenderer problems) {
        FilterRegistrationBean<SwitchedOffRoutes> bean =
                new FilterRegistrationBean<>(new SwitchedOffRoutes(prefixes, detail, problems));
        bean.setOrder(WebHygieneConfiguration.BODY_LIMIT_ORDER + 1);
        return bean;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.routed(request);
        if (prefixes.stream().anyMatch(path::startsWith)) {
            problems.write(request, response, ApiProblem.notFound(detail));
            return;
        }
        chain.doFilter(request, response);
    }
}
