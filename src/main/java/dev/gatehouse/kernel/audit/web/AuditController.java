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

    record PageJson(
            List<AuditEventJson> data, @JsonProperty("next_cursor") @Nullable String nextCursor) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VerificationJson(
            boolean ok, long checked, @JsonProperty("first_broken") @Nullable String firstBroken) {}

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public PageJson list(Caller caller, @RequestParam MultiValueMap<String, String> params) {
        AuditPage page =
                reader.query(caller.tenantWith(Scope.AUDIT_READ), AuditQueryParams.parse(params));
        return new PageJson(
                page.events().stream().map(AuditEventJson::of).toList(),
                page.next() == null ? null : page.next().encode());
    }

    @GetMapping(path = "/export")
    public void export(
            Caller caller,
            @RequestParam MultiValueMap<String, String> params,
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
