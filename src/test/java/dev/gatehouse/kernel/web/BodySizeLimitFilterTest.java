package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.List;
import java.util.Map;

/** The kernel's body limit, and the prefixes a product caps itself. */
class BodySizeLimitFilterTest {

    private final BodySizeLimitFilter filter =
            new BodySizeLimitFilter(
                    1024,
                    List.of("/relay/"),
                    Map.of("/uploads/", 8192L, "/uploads/small", 2048L),
                    new ProblemRenderer());

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedOutsideTheSelfLimitedPaths() throws Exception {
        MockHttpServletResponse response = send("/v1/things", 4096);

        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void underASelfLimitedPrefixTheKernelLimitDoesNotApply() throws Exception {
        MockHttpServletResponse response = send("/relay/orders", 4096);

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aPathThatOnlyStartsLikeTheSelfLimitedPrefixIsStillLimited() throws Exception {
        MockHttpServletResponse response = send("/relayx/orders", 4096);

        assertThat(response.getStatus()).isEqualTo(413);
    }

    private MockHttpServletResponse send(String path, int bytes) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setContent(new byte[bytes]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void aLargerLimitOfItsOwnAppliesUnderItsPrefixAndTheLongestPrefixWins() throws Exception {
        assertThat(send("/uploads/documents", 4096).getStatus()).isEqualTo(200);
        assertThat(send("/uploads/documents", 9000).getStatus()).isEqualTo(413);
        assertThat(send("/uploads/small-files", 4096).getStatus()).isEqualTo(413);
    }
}
