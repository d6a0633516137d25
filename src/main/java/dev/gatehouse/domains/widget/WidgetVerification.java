package dev.gatehouse.domains.widget;

import java.util.Locale;

/**
 * The outcome of checking a widget token. Every refusal becomes the same 401 at the edge; the
 * reason is for metrics and the debug log only, never for the client.
 */
public sealed interface WidgetVerification
        permits WidgetVerification.Valid, WidgetVerification.Refused {

    record Valid(WidgetToken token) implements WidgetVerification {}

    record Refused(Reason reason) implements WidgetVerification {}

    /** Why a token was refused. */
    enum Reason {
        /** No {@code Authorization: Bearer} header. */
        MISSING,
        /** Not three base64url parts of JSON, or too long. */
        MALFORMED,
        /** Any algorithm but HS256, including {@code none}. */
        ALGORITHM,
        /**
         * A header parameter other than {@code alg} and {@code typ} ({@code kid}, {@code jwk},
         * {@code crit}…).
         */
        HEADER,
        SIGNATURE,
        ISSUER,
        AUDIENCE,
        EXPIRED,
        /** Issued or valid only in the future, beyond the allowed clock skew. */
        NOT_YET_VALID,
        /** A missing, mistyped, oversized or unknown claim. */
        CLAIMS,
        /** The application is missing, deleted or disabled, or its tenant is suspended. */
        UNKNOWN_APPLICATION;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
