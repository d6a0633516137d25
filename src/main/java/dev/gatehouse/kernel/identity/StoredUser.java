package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A {@code users} row with its tenant's public id and status; package-private because it carries
 * the password hash and the sealed TOTP secret. {@link #toString()} leaves both out.
 */
record StoredUser(
        long id,
        User user,
        String tenantPublicId,
        boolean tenantActive,
        String passwordHash,
        @Nullable String totpSecret,
        @Nullable Long totpLastStep) {

    TenantId tenant() {
        return user.tenant();
    }

    String publicId() {
        return user.publicId();
    }

    UserRef ref() {
        return new UserRef(
                user.tenant(),
                tenantPublicId,
                user.publicId(),
                user.email(),
                user.displayName(),
                user.role());
    }

    RoleRules.Member member() {
        return new RoleRules.Member(user.role(), user.active());
    }

    @Override
    public String toString() {
        return "StoredUser["
                + user.publicId()
                + ", tenant "
                + tenantPublicId
                + ", password and TOTP [redacted]]";
    }

    /** Values of a new row. */
    record New(
            String publicId,
            String email,
            String displayName,
            Role role,
            String passwordHash,
            boolean mustChangePassword,
            Instant at) {
        @Override
        public String toString() {
            return "StoredUser.New["
                    + publicId
                    + ", "
                    + email
                    + ", "
                    + role.wire()
                    + ", password [redacted]]";
        }
    }
}
