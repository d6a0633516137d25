package dev.gatehouse.gateway.catalog;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.openapi.ProblemResponse;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.Page;
import dev.gatehouse.kernel.web.PageRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/gateway/endpoints}: the tenant's endpoint catalog, by hand and imported from an
 * OpenAPI 3 document. Reading needs {@code gateway:read}, changing {@code gateway:admin}. The
 * document is sent as text, or (development only) named by URL ({@link DocumentDownloads}).
 */
@RestController
class EndpointsController {

    private final Endpoints endpoints;
    private final CatalogAdministration administration;
    private final DocumentDownloads downloads;

    EndpointsController(
            Endpoints endpoints,
            CatalogAdministration administration,
            DocumentDownloads downloads) {
        this.endpoints = endpoints;
        this.administration = administration;
        this.downloads = downloads;
    }

    @GetMapping("/v1/gateway/endpoints")
    Page<EndpointBodies.EndpointView> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        PageRequest page = PageRequest.of(limit, cursor);
        long after = page.startAfter(0, id -> find(tenant, id).map(CatalogEndpoint::id));
        return page.cut(
                endpoints.list(tenant, after, page.fetchSize()),
                CatalogEndpoint::publicId,
                EndpointBodies.EndpointView::of);
    }

    @PostMapping("/v1/gateway/endpoints")
    @ResponseStatus(HttpStatus.CREATED)
    @ProblemResponse(
            status = 409,
            code = "endpoint_exists",
            when = "The catalog already has this method and path (parameter names aside).")
    @ProblemResponse(
            status = 409,
            code = "catalog_full",
            when = "The catalog holds its maximum of 10,000 endpoints.")
    EndpointBodies.EndpointView create(
            Caller caller, @RequestBody EndpointBodies.CreateEndpoint body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        List<ApiProblem.FieldMessage> errors = new ArrayList<>();
        String method = body.method();
        if (method == null) {
            errors.add(new ApiProblem.FieldMessage("method", "is required"));
        } else if (PathTemplates.methodProblem(method) != null) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            "method", String.valueOf(PathTemplates.methodProblem(method))));
        }
        String path = body.pathTemplate();
        String pathProblem = path == null ? "is required" : PathTemplates.problem(path);
        if (pathProblem != null) {
            errors.add(new ApiProblem.FieldMessage("path_template", pathProblem));
        }
        String summary = body.summary() == null ? null : body.summary().strip();
        if (summary != null && summary.length() > OpenApiDocuments.MAX_SUMMARY) {
            errors.add(
                    new ApiProblem.FieldMessage(
                            "summary",
                            "must be at most " + OpenApiDocuments.MAX_SUMMARY + " characters"));
        }
        if (!errors.isEmpty() || method == null || path == null) {
            throw ApiProblem.badRequest("The request is not valid.", errors);
        }
        return switch (administration.add(
                tenant,
                method,
                path,
                summary == null || summary.isEmpty() ? null : summary,
                KeyIssuer.actorOf(caller))) {
            case CatalogAdministration.Added a -> EndpointBodies.EndpointView.of(a.endpoint());
            case CatalogAdministration.Exists e ->
                    throw conflict(
                            "endpoint_exists",
                            "The catalog already has "
                                    + e.existing().method()
                                    + " "
                                    + e.existing().pathTemplate()
                                    + " as "
                                    + e.existing().publicId()
                                    + ".");
            case CatalogAdministration.Full f -> throw catalogFull(f.limit());
        };
    }

    @DeleteMapping("/v1/gateway/endpoints/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String id) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        CatalogEndpoint endpoint =
                find(tenant, id).orElseThrow(() -> ApiProblem.notFound("No such endpoint."));
        administration.delete(tenant, endpoint, KeyIssuer.actorOf(caller));
    }

    @PostMapping("/v1/gateway/endpoints:import")
    @ProblemResponse(
            status = 400,
            code = "invalid_document",
            when = "The text is not an OpenAPI 3.x document in JSON or YAML.")
    @ProblemResponse(
            status = 400,
            code = "external_reference",
            when = "The document has a $ref outside itself (a URL or another file).")
    @ProblemResponse(
            status = 400,
            code = "too_many_operations",
            when = "The document has more than 2,000 operations.")
    @ProblemResponse(
            status = 400,
            code = "document_too_large",
            when = "The document is larger than 5 MiB.")
    @ProblemResponse(
            status = 400,
            code = "url_not_allowed",
            when = "A url was given on a production node, or it is not an http(s) URL.")
    @ProblemResponse(
            status = 400,
            code = "document_unavailable",
            when = "The url could not be fetched or did not answer 200 in 10 s.")
    @ProblemResponse(
            status = 409,
            code = "catalog_full",
            when = "Adding the new operations would take the catalog past 10,000 endpoints.")
    EndpointBodies.ImportView importDocument(
            Caller caller, @RequestBody EndpointBodies.ImportRequest body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        String openapi = body.openapi();
        String url = body.url();
        boolean text = openapi != null && !openapi.isBlank();
        boolean byUrl = url != null && !url.isBlank();
        if (text == byUrl) {
            throw ApiProblem.badRequest("openapi", "give exactly one of openapi and url");
        }
        String document = openapi != null && text ? openapi : download(url == null ? "" : url);
        boolean dryRun = body.dryRun() == null || body.dryRun();
        return switch (administration.importDocument(
                tenant, document, dryRun, KeyIssuer.actorOf(caller))) {
            case CatalogAdministration.Imported i ->
                    new EndpointBodies.ImportView(
                            i.dryRun(),
                            i.added().stream()
                                    .map(
                                            p ->
                                                    new EndpointBodies.ImportAdded(
                                                            p.endpoint() == null
                                                                    ? null
                                                                    : p.endpoint().publicId(),
                                                            p.method(),
                                                            p.pathTemplate(),
                                                            p.summary()))
                                    .toList(),
                            i.skipped().stream()
                                    .map(
                                            s ->
                                                    new EndpointBodies.ImportSkipped(
                                                            s.method(),
                                                            s.path(),
                                                            s.reason(),
                                                            s.detail()))
                                    .toList(),
                            i.warnings());
            case CatalogAdministration.Refused r ->
                    throw new ApiProblem(
                            400, r.code(), "Invalid document", r.detail(), List.of(), null);
            case CatalogAdministration.TooMany t ->
                    throw new ApiProblem(
                            409,
                            "catalog_full",
                            "Conflict",
                            "The catalog has "
                                    + t.present()
                                    + " endpoints; adding "
                                    + t.adding()
                                    + " would pass its maximum of "
                                    + t.limit()
                                    + ". Nothing was added.",
                            List.of(),
                            null);
        };
    }

    private String download(String url) {
        return switch (downloads.fetch(url)) {
            case DocumentDownloads.Downloaded d -> d.text();
            case DocumentDownloads.NotAllowed n ->
                    throw new ApiProblem(
                            400, "url_not_allowed", "Invalid request", n.detail(), List.of(), null);
            case DocumentDownloads.Unavailable u ->
                    throw new ApiProblem(
                            400, u.code(), "Invalid document", u.detail(), List.of(), null);
        };
    }

    private java.util.Optional<CatalogEndpoint> find(TenantId tenant, String publicId) {
        return PublicIds.looksLike("ep", publicId)
                ? endpoints.find(tenant, publicId)
                : java.util.Optional.empty();
    }

    private static ApiProblem conflict(String code, String detail) {
        return new ApiProblem(409, code, "Conflict", detail, List.of(), null);
    }

    private static ApiProblem catalogFull(int limit) {
        return conflict(
                "catalog_full",
                "The catalog holds its maximum of " + limit + " endpoints; delete some first.");
    }
}
