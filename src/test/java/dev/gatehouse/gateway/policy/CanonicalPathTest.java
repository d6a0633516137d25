package dev.gatehouse.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

class CanonicalPathTest {

    private static CanonicalPath accepted(String raw) {
        PathCheck check = CanonicalPath.parse(raw);
        assertThat(check).as(raw).isInstanceOf(CanonicalPath.class);
        return (CanonicalPath) check;
    }

    private static String refusal(String raw) {
        PathCheck check = CanonicalPath.parse(raw);
        assertThat(check).as(raw).isInstanceOf(InvalidPath.class);
        return ((InvalidPath) check).reason();
    }

    @ParameterizedTest(name = "{0} is refused as {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/a/../b | dot_segment",
                "/a/./b | dot_segment",
                "/.. | dot_segment",
                "/a/.. | dot_segment",
                "/a/%2e%2e/b | encoded_dot",
                "/a/%2E%2e/b | encoded_dot",
                "/a/%2E/b | encoded_dot",
                "/a/.%2e/b | encoded_dot",
                "/a/x%2ey | encoded_dot",
                "/a%2fb | encoded_slash",
                "/a%2Fb | encoded_slash",
                "/a%5cb | encoded_backslash",
                "/a%5Cb | encoded_backslash",
                "/a%00b | encoded_nul",
                "/a%252e%252e/b | encoded_percent",
                "/a%253B | encoded_percent",
                "/a%3bjsessionid=1 | encoded_semicolon",
                "/a%3Fx=1 | encoded_query_or_fragment",
                "/a%23frag | encoded_query_or_fragment",
                "/a//b | empty_segment",
                "// | empty_segment",
                "//a | empty_segment",
                "/a/ | trailing_slash",
                "/a/b/ | trailing_slash",
                "/a\\b | backslash",
                "/a\\..\\b | backslash",
                "/a;jsessionid=ABC | semicolon",
                "/a;/b | semicolon",
                "/a?x=1 | query_or_fragment",
                "/a#frag | query_or_fragment",
                "/a%0d%0aX-Injected:1 | control_character",
                "/a%09b | control_character",
                "/a%7f | control_character",
                "/a%c2%85 | control_character",
                "/a%e2%80%ae | control_character",
                "/a%c0%af | invalid_utf8",
                "/a%c0%ae%c0%ae | invalid_utf8",
                "/a%e0%80%af | invalid_utf8",
                "/a%f0%80%80%af | invalid_utf8",
                "/a%ed%a0%80 | invalid_utf8",
                "/a%ff | invalid_utf8",
                "/a%c3 | invalid_utf8",
                "/a%2 | malformed_escape",
                "/a% | malformed_escape",
                "/a%g0 | malformed_escape",
                "/a%%41 | malformed_escape",
                "/a b | disallowed_character",
                "/a\"b | disallowed_character",
                "/a<b> | disallowed_character",
                "/a{id} | disallowed_character",
                "/a^b | disallowed_character",
                "/a`b | disallowed_character",
                "/caf\u00e9 | disallowed_character",
                "/a%ef%bc%8fb | unicode_lookalike",
                "/%ef%bc%8e%ef%bc%8e | unicode_lookalike",
                "a/b | not_absolute",
                "'' | not_absolute",
            })
    void refusesRatherThanNormalizes(String raw, String reason) {
        assertThat(refusal(raw)).isEqualTo(reason);
    }

    @Test
    void rawControlCharactersAreRefused() {
        assertThat(refusal("/a\u0000b")).isEqualTo("control_character");
        assertThat(refusal("/a\tb")).isEqualTo("control_character");
        assertThat(refusal("/a\nb")).isEqualTo("control_character");
    }

    @Test
    void limitsAreNumbers() {
        assertThat(refusal("/" + "a".repeat(CanonicalPath.MAX_RAW_LENGTH))).isEqualTo("too_long");
        assertThat(refusal("/a".repeat(CanonicalPath.MAX_SEGMENTS + 1)))
                .isEqualTo("too_many_segments");
        assertThat(accepted("/a".repeat(CanonicalPath.MAX_SEGMENTS)).segments())
                .hasSize(CanonicalPath.MAX_SEGMENTS);
    }

    @Test
    void decodesSegmentsAndReEncodesThemOneWay() {
        CanonicalPath p = accepted("/customers/%C3%A9t%c3%a9/a%20b/A%42c/x+y/%2Bz/(1)/a:b@c");
        assertThat(p.segments())
                .containsExactly("customers", "été", "a b", "ABc", "x+y", "+z", "(1)", "a:b@c");
        assertThat(p.upstreamPath())
                .isEqualTo("/customers/%C3%A9t%C3%A9/a%20b/ABc/x%2By/%2Bz/(1)/a:b@c");
    }

    @Test
    void mixedCaseEscapesGiveTheSameCanonicalPath() {
        assertThat(accepted("/a%c3%a9")).isEqualTo(accepted("/a%C3%A9"));
        assertThat(accepted("/a%c3%a9").upstreamPath()).isEqualTo("/a%C3%A9");
    }

    @Test
    void dotsInsideASegmentAreOrdinary() {
        assertThat(accepted("/files/report.v2.pdf").segments())
                .containsExactly("files", "report.v2.pdf");
        assertThat(accepted("/...").segments()).containsExactly("...");
        assertThat(accepted("/.well-known").segments()).containsExactly(".well-known");
    }

    @Test
    void theRootIsThePathWithoutSegments() {
        CanonicalPath root = accepted("/");
        assertThat(root.segments()).isEmpty();
        assertThat(root.upstreamPath()).isEqualTo("/");
    }

    @Test
    void theUpstreamPathParsesBackToItself() {
        for (String raw :
                List.of("/a%20b/%E2%82%AC/c", "/x+y/%2b", "/~user/!$&'()*,=:@", "/%F0%9F%98%80")) {
            CanonicalPath p = accepted(raw);
            CanonicalPath again = accepted(p.upstreamPath());
            assertThat(again).isEqualTo(p);
            assertThat(again.upstreamPath()).isEqualTo(p.upstreamPath());
        }
    }
}
