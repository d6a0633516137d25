package dev.gatehouse.kernel.audit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.kernel.audit.AuditEvent;
import dev.gatehouse.kernel.audit.AuditPage;
import dev.gatehouse.kernel.audit.AuditQuery;
import dev.gatehouse.kernel.audit.AuditReader;
import dev.gatehouse.kernel.audit.AuditSettings;
import dev.gatehouse.kernel.audit.Verification;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.Scope;
import dev.gatehouse.kernel.tenancy.TenantId;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /v1/audit-events}: the tenant's audit log.
 *
 * <p>The caller is the authenticated API key; it needs {@code audit:read} (403 otherwise). Queries
 * are newest first, cursor-paginated ({@code limit} 1–100, default 20). The export streams the same
 * filters (its {@code limit} is ignored) as NDJSON, newest first, one event per line, at most
 * {@code gatehouse.audit.export-max-rows} events (default 100,000). An export with exactly that
 * many lines may have more: export again with {@code cursor} omitted and {@code to} set to the last
 * line's {@code occurred_at}.
 */
@RestController
@RequestMapping("/v1/audit-events")
public class AuditController {

    public static final String NDJSON = "application/x-ndjson";

    private final AuditReader reader;
    private final JsonMapper json;
    private final int exportMaxRows;

    public AuditController(AuditReader reader, JsonMapper json, AuditSettings settings) {
        this.reader = reader;
        this.json = json;
        this.exportMaxRows = settings.exportMaxRows();
    }

    @Schema(name = "AuditEventPage")
    record PageJson(
            List<AuditEventJson> data, @JsonProperty("next_cursor") @Nullable String nextCursor) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "AuditChainVerification")
    record VerificationJson(
            boolean ok, long checked, @JsonProperty("first_broken") @Nullable String firstBroken) {}

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Parameter(
            name = "action",
            in = ParameterIn.QUERY,
            description = "Such as api_key.created.",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "actor",
            in = ParameterIn.QUERY,
            description = "An actor's id.",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "target",
            in = ParameterIn.QUERY,
            description = "A target's id.",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "decision",
            in = ParameterIn.QUERY,
            schema = @Schema(allowableValues = {"allow", "deny"}))
    @Parameter(
            name = "from",
            in = ParameterIn.QUERY,
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(
            name = "to",
            in = ParameterIn.QUERY,
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(
            name = "ref",
            in = ParameterIn.QUERY,
            description = "A request's ref.",
            schema = @Schema(type = "string"))
    @Parameter(name = "limit", in = ParameterIn.QUERY)
    @Parameter(name = "cursor", in = ParameterIn.QUERY)
    public PageJson list(
            Caller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        AuditPage page =
                reader.query(caller.tenantWith(Scope.AUDIT_READ), AuditQueryParams.parse(params));
        return new PageJson(
                page.events().stream().map(AuditEventJson::of).toList(),
                page.next() == null ? null : page.next().encode());
    }

    @GetMapping(path = "/export")
    @Parameter(
            name = "action",
            in = ParameterIn.QUERY,
            description = "Such as api_key.created.",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "actor",
            in = ParameterIn.QUERY,
            description = "An actor's id.",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "target",
            in = ParameterIn.QUERY,
            description = "A target's id.",
            schema = @Schema(type = "string"))
    @Parameter(
            name = "decision",
            in = ParameterIn.QUERY,
            schema = @Schema(allowableValues = {"allow", "deny"}))
    @Parameter(
            name = "from",
            in = ParameterIn.QUERY,
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(
            name = "to",
            in = ParameterIn.QUERY,
            schema = @Schema(type = "string", format = "date-time"))
    @Parameter(
            name = "ref",
            in = ParameterIn.QUERY,
            description = "A request's ref.",
            schema = @Schema(type = "string"))
    @Parameter(name = "limit", in = ParameterIn.QUERY)
    @Parameter(name = "cursor", in = ParameterIn.QUERY)
    @ApiResponse(
            responseCode = "200",
            description = "One audit event (as in the list) per line, newest first.",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = "string")))
    public void export(
            Caller caller,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
            HttpServletResponse response)
            throws IOException {
        TenantId bound = caller.tenantWith(Scope.AUDIT_READ);
        AuditQuery query = AuditQueryParams.parse(params);
        response.setContentType(NDJSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"audit-events.ndjson\"");
        response.setHeader("Cache-Control", "no-store");
        var out =
                new BufferedWriter(
                        new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        reader.export(bound, query, exportMaxRows, event -> writeLine(out, event));
        out.flush();
    }

    @GetMapping(path = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    public VerificationJson verify(Caller caller) {
        Verification v = reader.verify(caller.tenantWith(Scope.AUDIT_READ));
        return new VerificationJson(v.ok(), v.checked(), v.firstBrokenPublicId());
    }

    private void writeLine(BufferedWriter out, AuditEvent event) {
        try {
            out.write(json.writeValueAsString(AuditEventJson.of(event)));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("client went away during audit export", e);
        }
    }
}
