package dev.gatehouse.domains;

import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.RequestPaths;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * With {@code GATEHOUSE_DOMAINS_ENABLED=false}, Connect Domain's public routes answer 404 before
 * authentication, as if they did not exist. (Its workers and the {@code ask} servlet are not
 * started at all; see {@link DomainsConfiguration}.)
 */
final class ProductSwitch extends OncePerRequestFilter {

    static final List<String> PREFIXES =
            List.of(
                    "/v1/applications",
                    "/v1/dns-credentials",
                    "/v1/webhook-deliveries",
                    "/v1/usage",
                    "/widget/",
                    "/portal/domains");

    private final ProblemRenderer problems;

    ProductSwitch(ProblemRenderer problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = RequestPaths.routed(request);
        if (PREFIXES.stream().anyMatch(path::startsWith)) {
            problems.write(
                    request,
                    response,
                    ApiProblem.notFound("Connect Domain is switched off on this installation."));
            return;
        }
        chain.doFilter(request, response);
    }
}
