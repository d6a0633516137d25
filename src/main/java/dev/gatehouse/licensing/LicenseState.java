package dev.gatehouse.licensing;

/** Where the license stands, as the license server last said (or could not say). */
public enum LicenseState {
    /** Not asked yet. */
    UNKNOWN,
    /** The server answered, signed and fresh: the key is active. */
    VALID,
    /** The server answered, signed and fresh: the key is not active; or not configured. */
    INVALID,
    /** No usable answer: unreachable, timed out, refused host, bad signature or stale time. */
    ERROR
}
