package dev.gatehouse.gateway.catalog;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** The request and answer bodies of {@code /v1/gateway/endpoints}, as the API documents them. */
final class EndpointBodies {

    private EndpointBodies() {}

    @Schema(name = "GatewayEndpoint")
    record EndpointView(
            @Schema(example = "ep_4gT9…") String id,
            @Schema(allowableValues = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
                    String method,
            @Schema(example = "/customers/{id}") String pathTemplate,
            @Nullable String summary,
            @Schema(allowableValues = {"manual", "import"}) String source,
            Instant createdAt) {

        static EndpointView of(CatalogEndpoint e) {
            return new EndpointView(
                    e.publicId(),
                    e.method(),
                    e.pathTemplate(),
                    e.summary(),
                    e.source(),
                    e.createdAt());
        }
    }

    @Schema(name = "GatewayEndpointCreateRequest")
    record CreateEndpoint(
            @Schema(
                            requiredMode = REQUIRED,
                            allowableValues = {
                                "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"
                            })
                    @Nullable String method,
            @Schema(
                            requiredMode = REQUIRED,
                            description =
                                    "A path template such as /customers/{id}: starts with /, no"
                                            + " empty, . or .. segments, a parameter is a whole"
                                            + " {segment}, no percent-encoding.",
                            maxLength = PathTemplates.MAX_LENGTH)
                    @Nullable String pathTemplate,
            @Schema(maxLength = OpenApiDocuments.MAX_SUMMARY) @Nullable String summary) {}

    @Schema(name = "GatewayEndpointImportRequest")
    record ImportRequest(
            @Schema(
                            description =
                                    "The OpenAPI 3 document as JSON or YAML text, at most 5 MiB"
                                            + " (the whole request at most 12 MiB). Only references"
                                            + " inside the document (#/…) are accepted; nothing is"
                                            + " fetched. Give"
                                            + " exactly one of openapi and url.")
                    @Nullable String openapi,
            @Schema(
                            description =
                                    "Development only: an http(s) URL the server fetches the"
                                            + " document from (one GET, no redirects, 10 s, 5 MiB)."
                                            + " A production node refuses it.",
                            format = "uri",
                            maxLength = DocumentDownloads.MAX_URL)
                    @Nullable String url,
            @Schema(
                            description = "Only say what would be added (the default).",
                            defaultValue = "true")
                    @Nullable Boolean dryRun) {}

    @Schema(name = "GatewayEndpointImportAdded")
    record ImportAdded(
            @Schema(description = "The new endpoint's id; absent in a dry run.")
                    @Nullable String id,
            String method,
            String pathTemplate,
            @Nullable String summary) {}

    @Schema(name = "GatewayEndpointImportSkipped")
    record ImportSkipped(
            @Schema(description = "The operation's method, or * for a whole path item.")
                    String method,
            @Schema(description = "The path as the document wrote it.") String path,
            @Schema(
                            allowableValues = {
                                "already_present",
                                "duplicate_in_document",
                                "unsupported_method",
                                "invalid_path",
                                "path_item_reference"
                            })
                    String reason,
            String detail) {}

    @Schema(name = "GatewayEndpointImport")
    record ImportView(
            boolean dryRun,
            List<ImportAdded> added,
            List<ImportSkipped> skipped,
            @Schema(description = "The parser's remarks on the document, at most 20.")
                    List<String> warnings) {}
}
