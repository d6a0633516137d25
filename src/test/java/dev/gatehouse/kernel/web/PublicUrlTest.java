package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.URI;

class PublicUrlTest {

    private final PublicUrl url = new PublicUrl(URI.create("https://Gatehouse.Example.com/"));

    @Test
    void aPathIsPutUnderThePublicUrl() {
        assertThat(url.absolute("/portal/home", "/portal"))
                .isEqualTo("https://gatehouse.example.com/portal/home");
        assertThat(url.absolute("/portal/domains?done=deleted", "/x"))
                .isEqualTo("https://gatehouse.example.com/portal/domains?done=deleted");
    }

    @Test
    void aPathPrefixOfThePublicUrlIsKept() {
        PublicUrl prefixed = new PublicUrl(URI.create("http://proxy.example:8443/gatehouse"));
        assertThat(prefixed.absolute("/portal/home", "/"))
                .isEqualTo("http://proxy.example:8443/gatehouse/portal/home");
        assertThat(prefixed.origin()).isEqualTo("http://proxy.example:8443");
    }

    @Test
    void aRelativeReferenceIsResolvedAgainstTheRequestPathFirst() {
        assertThat(url.absolute("account", "/portal/settings"))
                .isEqualTo("https://gatehouse.example.com/portal/account");
        assertThat(url.absolute("../home?x=1", "/portal/settings/users"))
                .isEqualTo("https://gatehouse.example.com/portal/home?x=1");
    }

    @Test
    void anAbsoluteLocationIsLeftAsTheCodeChoseIt() {
        assertThat(url.absolute("https://docs.example.org/x", "/"))
                .isEqualTo("https://docs.example.org/x");
    }

    @Test
    void theOriginLeavesOutTheDefaultPortAndMatchesOnlyItself() {
        assertThat(url.origin()).isEqualTo("https://gatehouse.example.com");
        assertThat(url.isOrigin("https://gatehouse.example.com")).isTrue();
        assertThat(url.isOrigin("https://GATEHOUSE.example.com:443")).isTrue();
        assertThat(url.isOrigin("http://gatehouse.example.com")).isFalse();
        assertThat(url.isOrigin("https://gatehouse.example.com:8443")).isFalse();
        assertThat(url.isOrigin("https://gatehouse.example.com.evil.example")).isFalse();
        assertThat(url.isOrigin("https://evil.example")).isFalse();
        assertThat(url.isOrigin("null")).isFalse();
        assertThat(url.isOrigin("")).isFalse();
        assertThat(url.isOrigin(null)).isFalse();
        assertThat(url.isOrigin("https://gatehouse.example.com/path")).isFalse();
    }

    @Test
    void onlyAbsoluteHttpUrlsAreAccepted() {
        assertThatThrownBy(() -> new PublicUrl(URI.create("/portal")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute http or https");
        assertThatThrownBy(() -> new PublicUrl(URI.create("ftp://gatehouse.example.com")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PublicUrl(URI.create("https://gatehouse.example.com/?a=1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFormOfSendRedirectNamesThePublicUrl() throws Exception {
        for (int form = 0; form < 4; form++) {
            int which = form;
            var request = new MockHttpServletRequest("GET", "/portal");
            request.addHeader("Host", "evil.example");
            request.setServerName("evil.example");
            var response = new MockHttpServletResponse();
            new PublicUrlRedirects(url)
                    .doFilter(
                            request,
                            response,
                            new MockFilterChain() {
                                @Override
                                public void doFilter(
                                        jakarta.servlet.ServletRequest req,
                                        jakarta.servlet.ServletResponse res)
                                        throws java.io.IOException {
                                    HttpServletResponse http = (HttpServletResponse) res;
                                    switch (which) {
                                        case 0 -> http.sendRedirect("/portal/home");
                                        case 1 -> http.sendRedirect("/portal/home", true);
                                        case 2 -> http.sendRedirect("/portal/home", 303);
                                        default -> http.sendRedirect("/portal/home", 307, true);
                                    }
                                }
                            });
            assertThat(response.getRedirectedUrl())
                    .as("form " + form)
                    .isEqualTo("https://gatehouse.example.com/portal/home");
        }
    }
}
