package dev.gatehouse.kernel.identity;

/** The decision of {@link SignIn#attempt}; the web layer turns it into a page or a redirect. */
public sealed interface SignInOutcome {

    /**
     * Signed in. When {@code mustChangePassword}, send the user to change it before anything else.
     */
    record SignedIn(UserRef user, boolean mustChangePassword) implements SignInOutcome {}

    /**
     * E-mail and password were right; ask for the TOTP or a recovery code and attempt again with
     * it.
     */
    record TotpRequired() implements SignInOutcome {}

    /**
     * One generic refusal for an unknown account, a wrong password, a disabled user, a suspended
     * tenant or a bad second factor, so the answer says nothing about which.
     */
    record Refused() implements SignInOutcome {}

    /** Too many attempts for this account or address; nothing was checked. */
    record Throttled(long retryAfterSeconds) implements SignInOutcome {}
}
