package dev.gatehouse.kernel.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A tiny API that fails in every way the edge must handle. */
@RestController
@org.springframework.context.annotation.Profile("webstack-test-only")
// The profile is never active: component scanning skips this class, so integration-test nodes never
// serve it; WebStack registers it by hand.
class TestApiController {

    static final String SQL_TEXT =
            "ERROR: relation missing in SELECT * FROM secret_table WHERE tenant = 42";

    record CreateWidget(
            @NotBlank String displayName,
            @Min(1) int maxItems,
            List<Integer> tags,
            Map<String, Object> metadata) {}

    @PostMapping(
            path = "/v1/widgets",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> create(@Valid @RequestBody CreateWidget body) {
        return Map.of(
                "display_name",
                body.displayName(),
                "created_at",
                Instant.parse("2026-11-25T10:00:00Z"));
    }

    @GetMapping(path = "/v1/things", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> things(@RequestParam int limit) {
        return Map.of("limit", limit);
    }

    @GetMapping("/v1/missing")
    void missing() {
        throw ApiProblem.notFound("No such application.");
    }

    @GetMapping("/v1/sql")
    void sql() throws SQLException {
        throw new SQLException("org.postgresql.util.PSQLException: " + SQL_TEXT);
    }

    @GetMapping("/v1/dao")
    void dao() {
        throw new DataIntegrityViolationException(
                SQL_TEXT, new SQLException("PSQLException " + SQL_TEXT));
    }

    @GetMapping("/v1/boom")
    void boom() {
        throw new IllegalStateException("PSQLException: " + SQL_TEXT);
    }

    @GetMapping("/portal/page")
    String page() {
        return "page";
    }

    @GetMapping("/widget/frame")
    String frame() {
        return "frame";
    }
}
