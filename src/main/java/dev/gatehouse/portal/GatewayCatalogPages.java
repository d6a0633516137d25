package dev.gatehouse.portal;

import dev.gatehouse.gateway.catalog.Catalog;
import dev.gatehouse.gateway.catalog.CatalogAdministration;
import dev.gatehouse.gateway.catalog.CatalogEndpoint;
import dev.gatehouse.gateway.catalog.PathTemplates;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ERP Access → the endpoint catalog: what may be relayed at all. Lists the endpoints, adds one by
 * hand, deletes one after a confirmation, and imports an OpenAPI 3 document (JSON or YAML, pasted)
 * in two steps: a dry run that shows what would be added and skipped, then the import itself.
 * Reading needs {@code gateway:read}, changing {@code gateway:admin}; changes go through {@link
 * CatalogAdministration}, as {@code /v1/gateway/endpoints} does.
 */
@Controller
class GatewayCatalogPages {

    static final int PAGE = 50;
    static final int MAX_SUMMARY = 500;
    static final String PATH = GatewayAccountPages.BASE + "/catalog";

    private final Catalog catalog;
    private final CatalogAdministration administration;

    GatewayCatalogPages(Catalog catalog, CatalogAdministration administration) {
        this.catalog = catalog;
        this.administration = administration;
    }

    @GetMapping(PATH)
    ModelAndView list(
            HttpServletRequest request,
            @RequestParam(defaultValue = "0") String from,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = GatewayAccess.reader(request);
        int start = from.matches("\\d{1,6}") ? Integer.parseInt(from) : 0;
        return page(
                request,
                user,
                GatewayForm.of(Map.of("method", "GET")),
                GatewayForm.blank(),
                start,
                GatewayAccess.notice(done));
    }

    @PostMapping(PATH)
    ModelAndView add(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String method,
            @RequestParam(defaultValue = "") String pathTemplate,
            @RequestParam(defaultValue = "") String summary) {
        PortalUser user = GatewayAccess.admin(request);
        Msg msg = PortalContext.of(request).msg();
        GatewayForm form =
                GatewayForm.of(
                        Map.of("method", method, "pathTemplate", pathTemplate, "summary", summary));
        Map<String, String> errors = new LinkedHashMap<>();
        String m = method.strip();
        String p = pathTemplate.strip();
        String methodProblem = PathTemplates.methodProblem(m);
        if (methodProblem != null) {
            errors.put("method", msg.text("gateway.error.other", methodProblem));
        }
        String pathProblem = PathTemplates.problem(p);
        if (pathProblem != null) {
            errors.put("pathTemplate", msg.text("gateway.error.other", pathProblem));
        }
        String s = summary.strip();
        if (s.length() > MAX_SUMMARY) {
            errors.put("summary", msg.text("gateway.error.summary", MAX_SUMMARY));
        }
        if (!errors.isEmpty()) {
            return page(request, user, new GatewayForm(form.values(), errors), null, 0, null);
        }
        return switch (administration.add(
                user.tenant(), m, p, s.isEmpty() ? null : s, GatewayAccess.actor(user))) {
            case CatalogAdministration.Added a ->
                    new ModelAndView("redirect:" + PATH + "?done=endpointAdded");
            case CatalogAdministration.Exists e ->
                    page(
                            request,
                            user,
                            new GatewayForm(
                                    form.values(),
                                    Map.of(
                                            "pathTemplate",
                                            msg.text(
                                                    "gateway.error.endpointExists",
                                                    e.existing().method()
                                                            + " "
                                                            + e.existing().pathTemplate()))),
                            null,
                            0,
                            null);
            case CatalogAdministration.Full f ->
                    page(
                            request,
                            user,
                            new GatewayForm(
                                    form.values(),
                                    Map.of(
                                            "pathTemplate",
                                            msg.text("gateway.error.catalogFull", f.limit()))),
                            null,
                            0,
                            null);
        };
    }

    @PostMapping(PATH + "/{id}/delete")
    ModelAndView delete(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = GatewayAccess.admin(request);
        CatalogEndpoint endpoint =
                catalog.endpoints(user.tenant()).stream()
                        .filter(e -> e.publicId().equals(id))
                        .findFirst()
                        .orElseThrow(() -> ApiProblem.notFound("No such endpoint."));
        if (!GatewayConfirmation.confirmed(confirm)) {
            return new GatewayConfirmation(
                            "gateway.catalog.deleteTitle",
                            PortalContext.of(request)
                                    .msg()
                                    .text(
                                            "gateway.catalog.deleteConfirm",
                                            endpoint.method() + " " + endpoint.pathTemplate()),
                            PATH + "/" + endpoint.publicId() + "/delete",
                            Map.of(),
                            "gateway.catalog.delete",
                            PATH)
                    .page(request);
        }
        administration.delete(user.tenant(), endpoint, GatewayAccess.actor(user));
        return new ModelAndView("redirect:" + PATH + "?done=endpointDeleted");
    }

    /**
     * Without {@code apply=yes} a dry run: the page lists what would be added and skipped and
     * offers to import; with it, the import, and the page lists what was added.
     */
    @PostMapping(PATH + "/import")
    ModelAndView importDocument(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String openapi,
            @RequestParam(defaultValue = "") String apply) {
        PortalUser user = GatewayAccess.admin(request);
        Msg msg = PortalContext.of(request).msg();
        GatewayForm form = GatewayForm.of(Map.of("openapi", openapi));
        if (openapi.isBlank()) {
            return page(
                    request,
                    user,
                    null,
                    form.refused(Map.of("openapi", "gateway.error.openapiRequired"), msg),
                    0,
                    null);
        }
        boolean dryRun = !"yes".equals(apply);
        return switch (administration.importDocument(
                user.tenant(), openapi, dryRun, GatewayAccess.actor(user))) {
            case CatalogAdministration.Imported i ->
                    Pages.page("gateway/imported", request, "result", i, "openapi", openapi);
            case CatalogAdministration.Refused r ->
                    page(
                            request,
                            user,
                            null,
                            new GatewayForm(
                                    form.values(),
                                    Map.of("openapi", msg.text("gateway.error.other", r.detail()))),
                            0,
                            null);
            case CatalogAdministration.TooMany t ->
                    page(
                            request,
                            user,
                            null,
                            new GatewayForm(
                                    form.values(),
                                    Map.of(
                                            "openapi",
                                            msg.text("gateway.error.catalogFull", t.limit()))),
                            0,
                            null);
        };
    }

    private ModelAndView page(
            HttpServletRequest request,
            PortalUser user,
            @Nullable GatewayForm addForm,
            @Nullable GatewayForm importForm,
            int start,
            @Nullable String notice) {
        List<CatalogEndpoint> all = catalog.endpoints(user.tenant());
        int from = Math.min(start, all.size());
        List<CatalogEndpoint> page = all.subList(from, Math.min(all.size(), from + PAGE));
        String next = from + PAGE < all.size() ? PATH + "?from=" + (from + PAGE) : null;
        return Pages.page(
                "gateway/catalog",
                request,
                "endpoints",
                page,
                "total",
                all.size(),
                "form",
                addForm == null ? GatewayForm.of(Map.of("method", "GET")) : addForm,
                "importForm",
                importForm == null ? GatewayForm.blank() : importForm,
                "methods",
                PathTemplates.METHODS.stream().sorted().toList(),
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "nextLink",
                next,
                "notice",
                notice);
    }
}
