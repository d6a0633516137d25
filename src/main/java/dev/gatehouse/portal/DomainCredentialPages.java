package dev.gatehouse.portal;

import dev.gatehouse.domains.DomainScopes;
import dev.gatehouse.domains.dns.DelegatedDns;
import dev.gatehouse.domains.dns.DnsCredential;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.web.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.List;

/**
 * Domains → DNS credentials: the tenant's stored provider credentials (their non-secret settings
 * only), adding one, deleting one. Everything here needs {@code apps:admin}, listing included, as
 * {@code /v1/dns-credentials} does. A secret (TSIG key, API token) goes from the request straight
 * to {@link DelegatedDns#submit}; it is never kept in the form, shown again or logged.
 */
@Controller
class DomainCredentialPages {

    static final int PAGE = 25;
    static final String PATH = "/portal/domains/dns-credentials";

    private final DelegatedDns dns;
    private final boolean production;

    DomainCredentialPages(DelegatedDns dns, Settings settings) {
        this.dns = dns;
        this.production = settings.production();
    }

    @GetMapping(PATH)
    ModelAndView list(
            HttpServletRequest request,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String done) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_ADMIN);
        return page(
                request, user, DomainCredentialForm.blank(), after, DomainPages.notice(done), null);
    }

    @PostMapping(PATH)
    ModelAndView create(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String provider,
            @RequestParam(defaultValue = "") String server,
            @RequestParam(defaultValue = "") String port,
            @RequestParam(defaultValue = "") String zone,
            @RequestParam(defaultValue = "") String tsigKeyName,
            @RequestParam(defaultValue = "") String tsigAlgorithm,
            @RequestParam(defaultValue = "") String tsigSecret,
            @RequestParam(defaultValue = "") String apiToken,
            @RequestParam(defaultValue = "") String zoneId) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_ADMIN);
        DomainCredentialForm form =
                new DomainCredentialForm(
                        name,
                        provider,
                        server,
                        port,
                        zone,
                        tsigKeyName,
                        tsigAlgorithm,
                        zoneId,
                        java.util.Map.of());
        Msg msg = PortalContext.of(request).msg();
        return switch (dns.submit(
                user.tenant(),
                name,
                provider.isBlank() ? null : provider.strip(),
                form.config(tsigSecret, apiToken),
                production,
                DomainAccess.actor(user))) {
            case DelegatedDns.Rejected(var errors) ->
                    page(request, user, form.rejected(errors, msg), null, null, null);
            case DelegatedDns.Accepted(DelegatedDns.Stored s) ->
                    new ModelAndView("redirect:" + PATH + "?done=credentialCreated");
            case DelegatedDns.Accepted(DelegatedDns.KeyMissing k) ->
                    page(
                            request,
                            user,
                            form,
                            null,
                            null,
                            msg.text("domains.credentials.keyMissing"));
        };
    }

    @PostMapping(PATH + "/{cid}/delete")
    String delete(HttpServletRequest request, @PathVariable String cid) {
        PortalUser user = DomainAccess.require(request, DomainScopes.APPS_ADMIN);
        if (!dns.delete(user.tenant(), cid, DomainAccess.actor(user))) {
            throw ApiProblem.notFound("No such DNS credential.");
        }
        return "redirect:" + PATH + "?done=credentialDeleted";
    }

    private ModelAndView page(
            HttpServletRequest request,
            PortalUser user,
            DomainCredentialForm form,
            @Nullable String after,
            @Nullable String notice,
            @Nullable String error) {
        long afterId =
                after == null || !PublicIds.looksLike("dnsc", after)
                        ? 0
                        : dns.find(user.tenant(), after).map(DnsCredential::id).orElse(0L);
        List<DnsCredential> rows = dns.list(user.tenant(), afterId, PAGE + 1);
        List<DnsCredential> page = rows.stream().limit(PAGE).toList();
        String next = rows.size() > PAGE ? PATH + "?after=" + page.getLast().publicId() : null;
        return Pages.page(
                "domains/credentials",
                request,
                "credentials",
                page,
                "form",
                form,
                "nextLink",
                next,
                "notice",
                notice,
                "error",
                error);
    }
}
