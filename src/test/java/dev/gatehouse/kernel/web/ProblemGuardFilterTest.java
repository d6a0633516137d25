package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;

class ProblemGuardFilterTest {

    private final ProblemGuardFilter filter =
            new ProblemGuardFilter(new ProblemRenderer(), new ProblemMapper(1 << 20, 64));

    @Test
    void aFailureBeforeCommitBecomesAProblem() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(
                new MockHttpServletRequest("GET", "/v1/x"),
                response,
                (req, res) -> {
                    throw new IllegalStateException("boom");
                });
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).startsWith(ProblemRenderer.MEDIA_TYPE);
    }

    @Test
    void aFailureAfterCommitReachesTheContainerSoTheConnectionIsAborted() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThatThrownBy(
                        () ->
                                filter.doFilter(
                                        new MockHttpServletRequest("GET", "/gateway/x"),
                                        response,
                                        (req, res) -> {
                                            res.getOutputStream().write(new byte[] {'x'});
                                            res.flushBuffer();
                                            throw new IOException("cut off");
                                        }))
                .isInstanceOf(IOException.class)
                .hasMessage("cut off");
        assertThat(response.getContentAsString()).isEqualTo("x");
    }
}
