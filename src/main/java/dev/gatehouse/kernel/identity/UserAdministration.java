package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Managing a tenant's users: invitations, the first owner, role changes, disabling, removal,
 * listing. Each change is audited in the transaction that makes it; each refusal is audited as a
 * deny.
 *
 * <p>Design: the acting user is reloaded from the database in the same transaction, so a role
 * lowered since sign-in counts at once; the tenant's active owners are locked ({@code FOR UPDATE})
 * before {@link RoleRules} counts them, so two owners demoting each other at once cannot leave
 * none.
 */
public final class UserAdministration {

    static final int MAX_PAGE = 200;
    private static final String INACTIVE_ACTOR = "Only active owners and admins manage users.";

    private final Users users;
    private final Passwords passwords;
    private final OneTimePasswords oneTimePasswords;
    private final PublicIds ids;
    private final Transactions tx;
    private final AuditLog audit;
    private final Clock clock;

    public UserAdministration(
            Users users,
            Passwords passwords,
            OneTimePasswords oneTimePasswords,
            PublicIds ids,
            Transactions tx,
            AuditLog audit,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.oneTimePasswords = oneTimePasswords;
        this.ids = ids;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** An owner or admin invites a user with a role no higher than their own. */
    public Invitation invite(UserRef actor, String email, String displayName, Role role) {
        Optional<Invitation> invalid = validate(email, displayName);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        Optional<StoredUser> me = activeActor(actor);
        RoleRules.Verdict verdict =
                me.map(u -> RoleRules.mayGrant(u.user().role(), role))
                        .orElse(
                                new RoleRules.Verdict.Refused(
                                        RoleRules.Reason.CANNOT_MANAGE_USERS, INACTIVE_ACTOR));
        if (verdict instanceof RoleRules.Verdict.Refused(RoleRules.Reason reason, String message)) {
            audit.record(
                    AuditEntry.of(actor.tenant(), actor.actor(), "user.created")
                            .denied(reason.code())
                            .withDetails(
                                    Map.of("email", Emails.normalize(email), "role", role.wire())));
            return new Invitation.NotAllowed(reason, message);
        }
        return create(actor.tenant(), email, displayName, role, actor.actor());
    }

    /**
     * The first owner of a tenant (bootstrap, {@code gatehouse tenant create}), audited as the
     * system.
     */
    public Invitation createOwner(TenantId tenant, String email, String displayName) {
        return createOwner(tenant, email, displayName, Actor.system("identity"));
    }

    /** The first owner of a tenant, audited as {@code by}. */
    public Invitation createOwner(TenantId tenant, String email, String displayName, Actor by) {
        Optional<Invitation> invalid = validate(email, displayName);
        return invalid.isPresent()
                ? invalid.get()
                : create(tenant, email, displayName, Role.OWNER, by);
    }

    public UserChange changeRole(UserRef actor, String userPublicId, Role newRole) {
        return manage(
                actor,
                userPublicId,
                "user.role_changed",
                (me, target, owners) ->
                        RoleRules.mayChangeRole(me, target.member(), newRole, owners),
                target -> {
                    users.updateRole(actor.tenant(), target.id(), newRole, clock.instant());
                    return Map.of("from", target.user().role().wire(), "to", newRole.wire());
                });
    }

    public UserChange disable(UserRef actor, String userPublicId) {
        return manage(
                actor,
                userPublicId,
                "user.disabled",
                (me, target, owners) -> RoleRules.mayDisable(me, target.member(), owners),
                target -> {
                    users.updateStatus(
                            actor.tenant(), target.id(), User.Status.DISABLED, clock.instant());
                    return Map.of();
                });
    }

    /** Lets a disabled user sign in again. */
    public UserChange enable(UserRef actor, String userPublicId) {
        return manage(
                actor,
                userPublicId,
                "user.enabled",
                (me, target, owners) -> RoleRules.mayManage(me, target.member()),
                target -> {
                    users.updateStatus(
                            actor.tenant(), target.id(), User.Status.ACTIVE, clock.instant());
                    return Map.of();
                });
    }

    public UserChange remove(UserRef actor, String userPublicId) {
        return manage(
                actor,
                userPublicId,
                "user.removed",
                (me, target, owners) -> RoleRules.mayRemove(me, target.member(), owners),
                target -> {
                    users.delete(actor.tenant(), target.id());
                    return Map.of(
                            "email", target.user().email(), "role", target.user().role().wire());
                });
    }

    /**
     * The tenant's users ordered by public id, after {@code afterPublicId}; {@code limit} 1 to 200.
     */
    public UserPage list(TenantId tenant, @Nullable String afterPublicId, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException(
                    "limit must be between 1 and " + MAX_PAGE + ", was " + limit);
        }
        List<User> page = users.list(tenant, afterPublicId, limit + 1);
        if (page.size() <= limit) {
            return new UserPage(page, null);
        }
        List<User> shown = page.subList(0, limit);
        return new UserPage(shown, shown.getLast().publicId());
    }

    public Optional<User> find(TenantId tenant, String userPublicId) {
        return users.findUser(tenant, userPublicId);
    }

    /**
     * Checks a change against the rules and applies it; {@code apply} returns the audit details.
     */
    private UserChange manage(
            UserRef actor, String userPublicId, String action, Rule rule, Change apply) {
        Objects.requireNonNull(userPublicId, "userPublicId");
        TenantId tenant = actor.tenant();
        UserChange outcome =
                tx.inTenant(
                        tenant,
                        () -> {
                            Optional<StoredUser> me = activeActor(actor);
                            if (me.isEmpty()) {
                                return new UserChange.NotAllowed(
                                        RoleRules.Reason.CANNOT_MANAGE_USERS, INACTIVE_ACTOR);
                            }
                            Optional<StoredUser> target = users.find(tenant, userPublicId);
                            if (target.isEmpty()) {
                                return new UserChange.NotFound();
                            }
                            long owners = users.lockActiveOwners(tenant);
                            if (rule.check(me.get().user().role(), target.get(), owners)
                                    instanceof
                                    RoleRules.Verdict.Refused(
                                            RoleRules.Reason reason,
                                            String message)) {
                                return new UserChange.NotAllowed(reason, message);
                            }
                            if (userPublicId.equals(actor.userPublicId())
                                    && !action.equals("user.role_changed")) {
                                // You may step down (the last-owner rule still holds), but another
                                // owner or admin
                                // disables or removes you: nobody locks themself out by accident.
                                return new UserChange.NotAllowed(
                                        RoleRules.Reason.SELF,
                                        "You cannot disable or remove yourself; ask another owner"
                                                + " or admin.");
                            }
                            Map<String, ?> details = apply.apply(target.get());
                            audit.record(
                                    AuditEntry.of(tenant, actor.actor(), action)
                                            .withTarget("user", userPublicId)
                                            .allowed()
                                            .withDetails(details));
                            return new UserChange.Changed(
                                    users.find(tenant, userPublicId)
                                            .map(StoredUser::user)
                                            .orElse(target.get().user()));
                        });
        if (outcome instanceof UserChange.NotAllowed(RoleRules.Reason reason, String message)) {
            audit.record(
                    AuditEntry.of(tenant, actor.actor(), action)
                            .withTarget("user", userPublicId)
                            .denied(reason.code()));
        }
        return outcome;
    }

    private Invitation create(
            TenantId tenant, String email, String displayName, Role role, Actor by) {
        OneTimePassword password = oneTimePasswords.next();
        String hash = passwords.hash(password.reveal());
        StoredUser.New row =
                new StoredUser.New(
                        ids.next("usr"),
                        Emails.normalize(email),
                        displayName.strip(),
                        role,
                        hash,
                        true,
                        clock.instant());
        return tx.inTenant(
                tenant,
                () -> {
                    Optional<StoredUser> created = users.insert(tenant, row);
                    if (created.isEmpty()) {
                        return new Invitation.EmailTaken();
                    }
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("email", row.email());
                    details.put("display_name", row.displayName());
                    details.put("role", role.wire());
                    audit.record(
                            AuditEntry.of(tenant, by, "user.created")
                                    .withTarget("user", row.publicId())
                                    .allowed()
                                    .withDetails(details));
                    return new Invitation.Invited(created.get().user(), password);
                });
    }

    /** The acting user, reloaded, if still active in the tenant. */
    private Optional<StoredUser> activeActor(UserRef actor) {
        return users.find(actor.tenant(), actor.userPublicId()).filter(u -> u.user().active());
    }

    private static Optional<Invitation> validate(String email, String displayName) {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Optional<String> problem = Emails.problem(Emails.normalize(email));
        if (problem.isPresent()) {
            return Optional.of(new Invitation.Invalid("email", problem.get()));
        }
        String name = displayName.strip();
        if (name.isEmpty() || name.length() > 200) {
            return Optional.of(
                    new Invitation.Invalid(
                            "display_name", "must be 1 to 200 characters, was " + name.length()));
        }
        return Optional.empty();
    }

    @FunctionalInterface
    private interface Rule {
        RoleRules.Verdict check(Role actor, StoredUser target, long activeOwners);
    }

    @FunctionalInterface
    private interface Change {
        Map<String, ?> apply(StoredUser target);
    }
}
