package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;

class DatabaseProblemsTest {

    private final ProblemMapper mapper = new ProblemMapper(1024, 32);
    private final MockHttpServletRequest request =
            new MockHttpServletRequest("GET", "/v1/api-keys");

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterAndNoDriverText() {
        var failure =
                new CannotCreateTransactionException(
                        "Could not open JDBC Connection",
                        new CannotGetJdbcConnectionException(
                                "Failed to obtain JDBC Connection",
                                new SQLException(
                                        "FATAL: role \"gatehouse_app\" is not permitted to log"
                                                + " in")));

        ApiProblem p = mapper.toProblem(failure, request);

        assertThat(p.status()).isEqualTo(503);
        assertThat(p.code()).isEqualTo("database_unavailable");
        assertThat(p.retryAfterSeconds()).isEqualTo(5L);
        assertThat(p.detail()).doesNotContain("JDBC", "role", "FATAL");
    }

    @Test
    void otherDatabaseFailuresStayGeneric500s() {
        ApiProblem p =
                mapper.toProblem(
                        new DataIntegrityViolationException("insert into api_keys violates"),
                        request);
        assertThat(p.status()).isEqualTo(500);
        assertThat(p.code()).isEqualTo("internal_error");
        assertThat(p.detail()).doesNotContain("insert");
    }
}
