package dev.gatehouse.portal;

import dev.gatehouse.kernel.identity.Invitation;
import dev.gatehouse.kernel.identity.Role;
import dev.gatehouse.kernel.identity.RoleRules;
import dev.gatehouse.kernel.identity.User;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.identity.UserChange;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.portal.session.Sessions;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Settings → Users: everyone sees the tenant's people; owners and admins invite (the one-time
 * password is shown once), change roles and remove, within {@link RoleRules}. A removed person's
 * sessions end at once.
 */
@Controller
class UserPages {

    private final UserAdministration admin;
    private final Sessions sessions;

    UserPages(UserAdministration admin, Sessions sessions) {
        this.admin = admin;
        this.sessions = sessions;
    }

    static final int PAGE = 25;

    @GetMapping("/portal/settings/users")
    ModelAndView list(
            HttpServletRequest request, @RequestParam(required = false) @Nullable String after) {
        return page(request, null, null, null, after);
    }

    @PostMapping("/portal/settings/users")
    ModelAndView invite(
            HttpServletRequest request,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String role) {
        PortalUser me = PortalContext.of(request).signedIn();
        Msg msg = PortalContext.of(request).msg();
        Optional<Role> wanted = Role.fromWire(role);
        if (wanted.isEmpty()) {
            return page(request, msg.text("users.invalid"), null, null, null);
        }
        return switch (admin.invite(me.ref(), email, displayName, wanted.get())) {
            case Invitation.Invited(User user, var password) ->
                    page(request, null, msg.text("users.invited"), password.reveal(), null);
            case Invitation.EmailTaken t ->
                    page(request, msg.text("users.invalid"), null, null, null);
            case Invitation.Invalid i -> page(request, msg.text("users.invalid"), null, null, null);
            case Invitation.NotAllowed(RoleRules.Reason reason, String message) ->
                    page(request, msg.text("users.reason." + reason.code()), null, null, null);
        };
    }

    @PostMapping("/portal/settings/users/{id}/role")
    ModelAndView changeRole(
            HttpServletRequest request,
            @PathVariable String id,
            @RequestParam(defaultValue = "") String role) {
        PortalUser me = PortalContext.of(request).signedIn();
        Role newRole =
                Role.fromWire(role)
                        .orElseThrow(() -> ApiProblem.badRequest("role", "unknown role"));
        return outcome(request, admin.changeRole(me.ref(), id, newRole));
    }

    @PostMapping("/portal/settings/users/{id}/remove")
    ModelAndView remove(HttpServletRequest request, @PathVariable String id) {
        PortalUser me = PortalContext.of(request).signedIn();
        UserChange change = admin.remove(me.ref(), id);
        if (change instanceof UserChange.Changed(User removed)) {
            sessions.endEverywhere(me.tenant(), removed.publicId());
        }
        return outcome(request, change);
    }

    private ModelAndView outcome(HttpServletRequest request, UserChange change) {
        return switch (change) {
            case UserChange.Changed c -> new ModelAndView("redirect:/portal/settings/users");
            case UserChange.NotFound n -> throw ApiProblem.notFound("No such user.");
            case UserChange.NotAllowed(RoleRules.Reason reason, String message) ->
                    page(
                            request,
                            PortalContext.of(request).msg().text("users.reason." + reason.code()),
                            null,
                            null,
                            null);
        };
    }

    private ModelAndView page(
            HttpServletRequest request,
            @Nullable String error,
            @Nullable String notice,
            @Nullable String oneTimePassword,
            @Nullable String after) {
        PortalUser me = PortalContext.of(request).signedIn();
        Role myRole = me.ref().role();
        var listed =
                admin.list(
                        me.tenant(),
                        after != null && after.startsWith("usr_") ? after : null,
                        PAGE);
        List<User> users = listed.users();
        String next =
                listed.next() == null ? null : "/portal/settings/users?after=" + listed.next();
        // Least privilege first, so the form's default is the smallest role.
        List<String> invitable =
                Arrays.stream(Role.values())
                        .filter(r -> RoleRules.mayGrant(myRole, r).allowed())
                        .map(Role::wire)
                        .collect(
                                java.util.stream.Collectors.collectingAndThen(
                                        java.util.stream.Collectors.toList(),
                                        l -> {
                                            java.util.Collections.reverse(l);
                                            return l;
                                        }));
        List<UserRow> rows =
                users.stream()
                        .map(
                                u -> {
                                    boolean manageable =
                                            !u.publicId().equals(me.publicId())
                                                    && RoleRules.mayManage(
                                                                    myRole,
                                                                    new RoleRules.Member(
                                                                            u.role(), u.active()))
                                                            .allowed();
                                    return new UserRow(
                                            u.publicId(),
                                            u.email(),
                                            u.displayName(),
                                            u.role().wire(),
                                            u.status().wire(),
                                            u.publicId().equals(me.publicId()),
                                            manageable ? invitable : List.of(),
                                            manageable);
                                })
                        .toList();
        return Pages.page(
                "users",
                request,
                "users",
                rows,
                "invitableRoles",
                invitable,
                "notice",
                notice,
                "oneTimePassword",
                oneTimePassword,
                "error",
                error,
                "nextLink",
                next);
    }
}
