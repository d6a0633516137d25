package dev.gatehouse.kernel.identity;

import java.util.Objects;

/**
 * Who may do what to whom among a tenant's users. Pure functions of roles and counts, no Spring and
 * no database: the use cases read the facts (under a row lock for the owner count) and ask here.
 *
 * <ul>
 *   <li>Only owners and admins manage users.
 *   <li>Nobody grants a role above their own, nor changes, disables or removes a user above their
 *       own.
 *   <li>The last active owner cannot be demoted, disabled or removed.
 * </ul>
 */
public final class RoleRules {

    private RoleRules() {}

    /** A user as the rules see them. */
    public record Member(Role role, boolean active) {
        public Member {
            Objects.requireNonNull(role, "role");
        }
    }

    /** The answer of a rule. */
    public sealed interface Verdict {
        /** The change may go ahead. */
        record Allowed() implements Verdict {}

        /** The change is refused; {@code message} is fit to show the actor. */
        record Refused(Reason reason, String message) implements Verdict {}

        default boolean allowed() {
            return this instanceof Allowed;
        }
    }

    /** Why a change was refused; {@link #code()} is the audit reason. */
    public enum Reason {
        CANNOT_MANAGE_USERS,
        ROLE_ABOVE_OWN,
        TARGET_ABOVE_OWN,
        LAST_OWNER,
        SELF;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Verdict ALLOWED = new Verdict.Allowed();

    /** May {@code actor} invite a user with {@code granted}? */
    public static Verdict mayGrant(Role actor, Role granted) {
        if (!actor.atLeast(Role.ADMIN)) {
            return refuse(Reason.CANNOT_MANAGE_USERS, "Only owners and admins manage users.");
        }
        if (granted.outranks(actor)) {
            return refuse(
                    Reason.ROLE_ABOVE_OWN,
                    "You cannot grant the role "
                            + granted.wire()
                            + ", which is above your own ("
                            + actor.wire()
                            + ").");
        }
        return ALLOWED;
    }

    /**
     * May {@code actor} change {@code target}'s role to {@code newRole}, given the tenant's active
     * owners?
     */
    public static Verdict mayChangeRole(
            Role actor, Member target, Role newRole, long activeOwners) {
        Verdict manage = mayManage(actor, target);
        if (!manage.allowed()) {
            return manage;
        }
        Verdict grant = mayGrant(actor, newRole);
        if (!grant.allowed()) {
            return grant;
        }
        return newRole == Role.OWNER ? ALLOWED : keepsAnOwner(target, activeOwners, "demoted");
    }

    /** May {@code actor} disable {@code target}? */
    public static Verdict mayDisable(Role actor, Member target, long activeOwners) {
        Verdict manage = mayManage(actor, target);
        return manage.allowed() ? keepsAnOwner(target, activeOwners, "disabled") : manage;
    }

    /** May {@code actor} remove {@code target}? */
    public static Verdict mayRemove(Role actor, Member target, long activeOwners) {
        Verdict manage = mayManage(actor, target);
        return manage.allowed() ? keepsAnOwner(target, activeOwners, "removed") : manage;
    }

    /** May {@code actor} act on {@code target} at all (reset their second factor, for example)? */
    public static Verdict mayManage(Role actor, Member target) {
        if (!actor.atLeast(Role.ADMIN)) {
            return refuse(Reason.CANNOT_MANAGE_USERS, "Only owners and admins manage users.");
        }
        if (target.role().outranks(actor)) {
            return refuse(
                    Reason.TARGET_ABOVE_OWN,
                    "You cannot change a user whose role ("
                            + target.role().wire()
                            + ") is above your own ("
                            + actor.wire()
                            + ").");
        }
        return ALLOWED;
    }

    private static Verdict keepsAnOwner(Member target, long activeOwners, String verb) {
        if (target.role() == Role.OWNER && target.active() && activeOwners <= 1) {
            return refuse(Reason.LAST_OWNER, "The last active owner cannot be " + verb + ".");
        }
        return ALLOWED;
    }

    private static Verdict refuse(Reason reason, String message) {
        return new Verdict.Refused(reason, message);
    }
}
