package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The token exchange's decision, without I/O: given what the client presented and the credential
 * set its {@code client_id} names (if any), pass or refuse with the true reason.
 *
 * <p>Design: every attempt does exactly one Argon2id verification, whatever fails, so a refusal
 * takes the same time whether the client is unknown, the key is wrong or the password is: an
 * unknown or malformed client is verified against a fixed dummy hash; a known one against the
 * password hash of the generation its x-api-key belongs to (the current one, or the one a rotation
 * replaced while its overlap lasts; the current one when the key matches neither). The x-api-key is
 * compared by keyed hash in constant time. Only after the verification are the key, the password,
 * the client address and the set's standing judged, in that order.
 */
final class TokenCheck {

    /** Longer passwords are not verified as given (none can be right: ours are 47 characters). */
    static final int MAX_PRESENTED = 1024;

    private static final String NOT_A_PASSWORD = "\u0000presented password was too long";

    private final PasswordCheck passwords;
    private final Supplier<String> dummyHash;

    /**
     * @param dummyHash an Argon2id hash made with today's parameters of a password nobody knows
     *     (asked for when first needed, so start-up does not wait for it)
     */
    TokenCheck(PasswordCheck passwords, Supplier<String> dummyHash) {
        this.passwords = passwords;
        this.dummyHash = dummyHash;
    }

    /**
     * What the client sent.
     *
     * @param wellFormed false when the {@code Authorization} header was missing or not Basic
     * @param password the presented API password ("" when malformed)
     * @param apiKeyHash the keyed hash (hex) of the presented x-api-key, or null when it was
     *     missing or not shaped like one
     */
    record Presented(
            boolean wellFormed,
            String password,
            @Nullable String apiKeyHash,
            @Nullable InetAddress client) {
        @Override
        public String toString() {
            return "Presented[redacted]";
        }
    }

    /** Passed, with the set; or refused with the reason and the set when it was known. */
    sealed interface Decision {
        record Pass(CredentialState credential) implements Decision {}

        record Fail(Refusal reason, @Nullable CredentialState credential) implements Decision {}
    }

    Decision decide(
            Presented presented, Optional<Credentials.ExchangeCandidate> found, Instant now) {
        String password =
                presented.password().length() > MAX_PRESENTED
                        ? NOT_A_PASSWORD
                        : presented.password();
        if (found.isEmpty()) {
            passwords.matches(password, dummyHash.get());
            return new Decision.Fail(
                    presented.wellFormed() ? Refusal.UNKNOWN_CLIENT : Refusal.MALFORMED_CREDENTIALS,
                    null);
        }
        Credentials.ExchangeCandidate candidate = found.get();
        CredentialState state = candidate.state();
        CredentialState.KeyMatch key = state.keyMatch(presented.apiKeyHash(), now);
        String hash =
                key == CredentialState.KeyMatch.PREVIOUS && candidate.previousPasswordHash() != null
                        ? candidate.previousPasswordHash()
                        : candidate.passwordHash();
        boolean passwordOk =
                passwords.matches(password, hash) && password.equals(presented.password());
        if (key == CredentialState.KeyMatch.NONE) {
            return new Decision.Fail(Refusal.WRONG_API_KEY, state);
        }
        if (!passwordOk) {
            return new Decision.Fail(Refusal.WRONG_PASSWORD, state);
        }
        if (!state.allowedIps().allows(presented.client())) {
            return new Decision.Fail(Refusal.IP_NOT_ALLOWED, state);
        }
        Refusal standing = state.standing(now);
        return standing == null ? new Decision.Pass(state) : new Decision.Fail(standing, state);
    }
}
