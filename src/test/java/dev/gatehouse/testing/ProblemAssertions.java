package dev.gatehouse.testing;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on problem+json answers. */
public final class ProblemAssertions {

    private ProblemAssertions() {}

    /** {@code r} is a problem with this status and code, whose {@code ref} is the request's id. */
    public static void assertProblem(Http.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("code").asString()).isEqualTo(code);
        assertThat(r.json().get("ref").asString()).isEqualTo(r.header("X-Request-Id"));
    }
}
