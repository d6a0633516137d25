package dev.gatehouse.kernel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Caps the request body. A declared {@code Content-Length} above the limit is refused with 413
 * before anything reads it; a body without one (chunked) is counted as it is read, and the read
 * that crosses the limit fails with {@link BodyTooLarge} and marks the request, so whichever layer
 * catches the failure (MVC handler, guard filter) answers 413 {@code payload_too_large}.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {

    /** Request attribute set to {@code Boolean.TRUE} once the body crossed the limit. */
    public static final String EXCEEDED_ATTRIBUTE =
            BodySizeLimitFilter.class.getName() + ".exceeded";

    private final long maxBytes;
    private final List<String> selfLimited;
    private final Map<String, Long> larger;
    private final ProblemRenderer renderer;

    public BodySizeLimitFilter(long maxBytes, ProblemRenderer renderer) {
        this(maxBytes, List.of(), Map.of(), renderer);
    }

    /**
     * @param selfLimited path prefixes whose handlers cap bodies themselves; not limited here
     * @param larger path prefixes with a limit of their own above {@code maxBytes}; the longest
     *     matching prefix wins
     */
    public BodySizeLimitFilter(
            long maxBytes,
            List<String> selfLimited,
            Map<String, Long> larger,
            ProblemRenderer renderer) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("max_body_bytes must be positive, was " + maxBytes);
        }
        larger.forEach(
                (prefix, limit) -> {
                    if (limit < maxBytes) {
                        throw new IllegalArgumentException(
                                "the body limit of "
                                        + prefix
                                        + " must be at least max_body_bytes, was "
                                        + limit);
                    }
                });
        this.maxBytes = maxBytes;
        this.selfLimited = List.copyOf(selfLimited);
        this.larger = Map.copyOf(larger);
        this.renderer = renderer;
    }

    /** The limit for {@code path}: the longest matching larger limit, else the default. */
    long limitFor(String path) {
        long limit = maxBytes;
        int longest = -1;
        for (Map.Entry<String, Long> e : larger.entrySet()) {
            if (path.startsWith(e.getKey()) && e.getKey().length() > longest) {
                longest = e.getKey().length();
                limit = e.getValue();
            }
        }
        return limit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (selfLimited.isEmpty()) {
            return false;
        }
        String path = RequestPaths.routed(request);
        return selfLimited.stream().anyMatch(path::startsWith);
    }

    static boolean wasExceeded(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(EXCEEDED_ATTRIBUTE));
    }

    @Override
    protected void doFilterInternal(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = larger.isEmpty() ? maxBytes : limitFor(RequestPaths.routed(request));
        if (request.getContentLengthLong() > limit) {
            request.setAttribute(EXCEEDED_ATTRIBUTE, Boolean.TRUE);
            response.setHeader("Connection", "close");
            renderer.write(request, response, Problems.payloadTooLarge(limit));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private @org.jspecify.annotations.Nullable ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream =
                        new LimitedStream(
                                super.getInputStream(),
                                maxBytes,
                                (HttpServletRequest) getRequest());
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(
                    new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long maxBytes;
        private final HttpServletRequest request;
        private long count;

        LimitedStream(ServletInputStream in, long maxBytes, HttpServletRequest request) {
            this.in = in;
            this.maxBytes = maxBytes;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLarge {
            count += n;
            if (count > maxBytes) {
                request.setAttribute(EXCEEDED_ATTRIBUTE, Boolean.TRUE);
                throw new BodyTooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
