package dev.gatehouse.domains.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.ConnectionLifecycle;
import dev.gatehouse.domains.ConnectionView;
import dev.gatehouse.kernel.web.ApiProblem;

/** Maps the outcome of opening a connection to HTTP, in one place for the API and the widget. */
public final class ConnectionAnswers {

    private ConnectionAnswers() {
    }

    /** 201 for a new connection, 200 for the open one (idempotent), problems for refusals. */
    public static ResponseEntity<ConnectionView> created(ConnectionLifecycle lifecycle, Application app,
            ConnectionLifecycle.Created outcome) {
        return switch (outcome) {
            case ConnectionLifecycle.Opened(var c) -> ResponseEntity.status(HttpStatus.CREATED).body(lifecycle.view(app, c));
            case ConnectionLifecycle.AlreadyOpen(var c) -> ResponseEntity.ok(lifecycle.view(app, c));
            case ConnectionLifecycle.InvalidHostname(String reason) -> throw new ApiProblem(400, "invalid_hostname",
                    "Invalid hostname", "The hostname " + reason + ".",
                    List.of(new ApiProblem.FieldMessage("hostname", reason)), null);
            case ConnectionLifecycle.HostnameTaken t -> throw new ApiProblem(409, "hostname_taken", "Hostname taken",
                    "This hostname is already connected elsewhere.", List.of(), null);
            case ConnectionLifecycle.QuotaExceeded(int limit) -> throw ApiProblem.quotaExceeded(
                    "The plan allows " + limit + " connections; remove one or raise the limit.");
        };
    }
}
