package dev.gatehouse.portal;

import dev.gatehouse.gateway.catalog.Catalog;
import dev.gatehouse.gateway.catalog.CatalogEndpoint;
import dev.gatehouse.gateway.controls.ControlsAdministration;
import dev.gatehouse.gateway.controls.Policies;
import dev.gatehouse.gateway.controls.StoredPolicy;
import dev.gatehouse.gateway.policy.Coverage;
import dev.gatehouse.gateway.policy.Endpoint;
import dev.gatehouse.gateway.policy.PathTemplate;
import dev.gatehouse.gateway.policy.Rule;
import dev.gatehouse.gateway.policy.Validated;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ERP Access → Policies: the tenant's policies, creating one, a policy's page with its rule editor
 * (method and path rows; the holder is an account or a credential set; {@code schedule_exempt}),
 * what each rule grants of the catalog, and deleting it after a confirmation. Reading needs {@code
 * gateway:read}, changing {@code gateway:admin}; changes go through {@link ControlsAdministration},
 * as {@code /v1/gateway/policies} does.
 */
@Controller
class GatewayPolicyPages {

    static final int PAGE = 25;
    static final String PATH = GatewayAccountPages.BASE + "/policies";

    private final Policies policies;
    private final ControlsAdministration administration;
    private final Catalog catalog;

    GatewayPolicyPages(Policies policies, ControlsAdministration administration, Catalog catalog) {
        this.policies = policies;
        this.administration = administration;
        this.catalog = catalog;
    }

    @GetMapping(PATH)
    ModelAndView list(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String holder,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = GatewayAccess.reader(request);
        return listWith(
                request,
                user,
                GatewayPolicyForm.blank(holder == null ? "" : holder),
                after,
                GatewayAccess.notice(done));
    }

    @PostMapping(PATH)
    ModelAndView create(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String holder,
            @RequestParam Map<String, String> params,
            @RequestParam(defaultValue = "") String scheduleExempt) {
        PortalUser user = GatewayAccess.admin(request);
        GatewayPolicyForm form =
                GatewayPolicyForm.posted(name, holder, params, "on".equals(scheduleExempt));
        return switch (form.check(
                id -> policies.holder(user.tenant(), id), PortalContext.of(request).msg())) {
            case GatewayPolicyForm.Invalid(GatewayPolicyForm invalid) ->
                    listWith(request, user, invalid, null, null);
            case GatewayPolicyForm.Valid(Policies.Fields fields) -> {
                StoredPolicy p =
                        administration.createPolicy(
                                user.tenant(), fields, GatewayAccess.actor(user));
                yield new ModelAndView(
                        "redirect:" + PATH + "/" + p.publicId() + "?done=policyCreated");
            }
        };
    }

    @GetMapping(PATH + "/{id}")
    ModelAndView detail(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = GatewayAccess.reader(request);
        StoredPolicy p = require(user, id);
        return page(request, user, p, GatewayPolicyForm.of(p), GatewayAccess.notice(done));
    }

    @PostMapping(PATH + "/{id}")
    ModelAndView replace(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String holder,
            @RequestParam Map<String, String> params,
            @RequestParam(defaultValue = "") String scheduleExempt) {
        PortalUser user = GatewayAccess.admin(request);
        StoredPolicy current = require(user, id);
        GatewayPolicyForm form =
                GatewayPolicyForm.posted(name, holder, params, "on".equals(scheduleExempt));
        return switch (form.check(
                h -> policies.holder(user.tenant(), h), PortalContext.of(request).msg())) {
            case GatewayPolicyForm.Invalid(GatewayPolicyForm invalid) ->
                    page(request, user, current, invalid, null);
            case GatewayPolicyForm.Valid(Policies.Fields fields) -> {
                administration.replacePolicy(
                        user.tenant(), current, fields, GatewayAccess.actor(user));
                yield new ModelAndView(
                        "redirect:" + PATH + "/" + current.publicId() + "?done=policySaved");
            }
        };
    }

    @PostMapping(PATH + "/{id}/delete")
    ModelAndView delete(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String confirm) {
        PortalUser user = GatewayAccess.admin(request);
        StoredPolicy p = require(user, id);
        if (!GatewayConfirmation.confirmed(confirm)) {
            return new GatewayConfirmation(
                            "gateway.policy.deleteTitle",
                            PortalContext.of(request)
                                    .msg()
                                    .text("gateway.policy.deleteConfirm", p.name()),
                            PATH + "/" + p.publicId() + "/delete",
                            Map.of(),
                            "gateway.policy.delete",
                            PATH + "/" + p.publicId())
                    .page(request);
        }
        administration.deletePolicy(user.tenant(), p, GatewayAccess.actor(user));
        return new ModelAndView("redirect:" + PATH + "?done=policyDeleted");
    }

    private StoredPolicy require(PortalUser user, String id) {
        return policies.find(user.tenant(), id)
                .orElseThrow(() -> ApiProblem.notFound("No such policy."));
    }

    private ModelAndView listWith(
            HttpServletRequest request,
            PortalUser user,
            GatewayPolicyForm form,
            @Nullable String after,
            @Nullable String notice) {
        long afterId =
                after == null
                        ? 0
                        : policies.find(user.tenant(), after).map(StoredPolicy::id).orElse(0L);
        List<StoredPolicy> rows = policies.list(user.tenant(), afterId, PAGE + 1);
        ListedPage<StoredPolicy> listed = ListedPage.of(rows, PAGE, PATH, StoredPolicy::publicId);
        List<StoredPolicy> page = listed.rows();
        String next = listed.nextLink();
        return Pages.page(
                "gateway/policies",
                request,
                "policies",
                page,
                "form",
                form,
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "nextLink",
                next,
                "notice",
                notice);
    }

    private ModelAndView page(
            HttpServletRequest request,
            PortalUser user,
            StoredPolicy p,
            GatewayPolicyForm form,
            @Nullable String notice) {
        return Pages.page(
                "gateway/policy",
                request,
                "policy",
                p,
                "grants",
                grants(user, p),
                "form",
                form,
                "canAdmin",
                GatewayAccess.canAdmin(user),
                "notice",
                notice);
    }

    /** For each rule, the catalog endpoints it grants, with {@link Rule#covers}. */
    private List<GatewayGrants> grants(PortalUser user, StoredPolicy p) {
        List<CatalogEndpoint> endpoints = catalog.endpoints(user.tenant());
        List<GatewayGrants> out = new ArrayList<>();
        for (Rule r : p.rules()) {
            List<CatalogEndpoint> full = new ArrayList<>();
            List<CatalogEndpoint> partial = new ArrayList<>();
            for (CatalogEndpoint e : endpoints) {
                if (!(PathTemplate.parse(e.pathTemplate())
                        instanceof Validated.Valid<PathTemplate>(PathTemplate template))) {
                    continue;
                }
                Coverage c = r.covers(new Endpoint(e.publicId(), e.method(), template));
                if (c == Coverage.FULL) {
                    full.add(e);
                } else if (c == Coverage.PARTIAL) {
                    partial.add(e);
                }
            }
            out.add(new GatewayGrants(r, full, partial));
        }
        return out;
    }
}
