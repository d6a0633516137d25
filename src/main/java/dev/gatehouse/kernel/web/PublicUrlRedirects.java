package dev.gatehouse.kernel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Makes every {@code sendRedirect} of the public listener name the {@link PublicUrl}. Tomcat would
 * otherwise complete a relative location from the request's {@code Host} header, so {@code Host:
 * evil.example} on {@code /portal} answered {@code Location: http://evil.example/portal/home}: an
 * open redirect, and a poisoned answer for any cache in front. Covers the portal's own redirects,
 * Spring's {@code redirect:} views and anything else that calls {@code sendRedirect} after this
 * filter; Tomcat's own redirects, which run before any filter, are relative ({@link
 * RelativeRedirects}).
 */
public final class PublicUrlRedirects extends OncePerRequestFilter {

    private final PublicUrl publicUrl;

    public PublicUrlRedirects(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Redirecting(response, request.getRequestURI()));
    }

    private final class Redirecting extends HttpServletResponseWrapper {

        private final String requestPath;

        Redirecting(HttpServletResponse response, String requestPath) {
            super(response);
            this.requestPath = requestPath;
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            super.sendRedirect(publicUrl.absolute(location, requestPath));
        }

        @Override
        public void sendRedirect(String location, boolean clearBuffer) throws IOException {
            super.sendRedirect(publicUrl.absolute(location, requestPath), clearBuffer);
        }

        @Override
        public void sendRedirect(String location, int sc) throws IOException {
            super.sendRedirect(publicUrl.absolute(location, requestPath), sc);
        }

        @Override
        public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
            super.sendRedirect(publicUrl.absolute(location, requestPath), sc, clearBuffer);
        }
    }
}
