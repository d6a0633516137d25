package dev.gatehouse.domains.ask;

/**
 * What {@code ask} says about one hostname. The HTTP edge ({@link AskServlet}) turns it into a
 * status and a body; the {@code result} is the metric label.
 */
public sealed interface AskAnswer
        permits AskAnswer.Allow, AskAnswer.Deny, AskAnswer.Invalid, AskAnswer.Unavailable {

    /** The metric label: {@code allow}, {@code deny}, {@code invalid} or {@code error}. */
    String result();

    /** The hostname is live under an active application of an active tenant. */
    record Allow(String origin) implements AskAnswer {
        @Override
        public String result() {
            return "allow";
        }
    }

    /** A hostname that is not live (unknown, pending, removed, application or tenant inactive). */
    enum Deny implements AskAnswer {
        INSTANCE;

        @Override
        public String result() {
            return "deny";
        }
    }

    /**
     * Not a hostname at all (IP literal, wildcard, malformed, too long, missing): refused without a
     * lookup.
     */
    enum Invalid implements AskAnswer {
        INSTANCE;

        @Override
        public String result() {
            return "invalid";
        }
    }

    /**
     * The answer could not be looked up (database trouble or too many lookups at once); never
     * cached.
     */
    enum Unavailable implements AskAnswer {
        INSTANCE;

        @Override
        public String result() {
            return "error";
        }
    }
}
