package dev.gatehouse.kernel.identity;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashing. The encoded form is the PHC string ({@code
 * $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so the parameters travel with each hash and can be
 * raised later: {@link #needsRehash} says when a stored hash is weaker than today's, and sign-in
 * re-hashes it on the next success. The default is the OWASP minimum (19 MiB, 2 passes, 1 lane,
 * 16-byte salt, 32-byte hash). Thread-safe.
 */
public final class Passwords {

    /** The parameters new hashes are made with. */
    public record Parameters(int memoryKib, int iterations, int parallelism) {
        public Parameters {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException(
                        "argon2 parameters out of range: m="
                                + memoryKib
                                + ", t="
                                + iterations
                                + ", p="
                                + parallelism);
            }
        }
    }

    /** OWASP's minimum for Argon2id. */
    public static final Parameters OWASP_MINIMUM = new Parameters(19_456, 2, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC =
            Pattern.compile("^\\$(argon2(?:id|i|d))\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");

    /** What the dummy hash is made of; the result of checking against it is never used. */
    private static final String DUMMY_PASSWORD = "no account has this password";

    private final Parameters parameters;
    private final Argon2PasswordEncoder encoder;
    private final CompletableFuture<String> dummyHash;

    public Passwords() {
        this(OWASP_MINIMUM);
    }

    public Passwords(Parameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.encoder =
                new Argon2PasswordEncoder(
                        SALT_BYTES,
                        HASH_BYTES,
                        parameters.parallelism(),
                        parameters.memoryKib(),
                        parameters.iterations());
        // Made off the caller's thread (start-up does not wait for it); the first check that
        // needs it waits, so no request is answered faster for its absence.
        this.dummyHash =
                CompletableFuture.supplyAsync(
                        () -> hash(DUMMY_PASSWORD),
                        task -> Thread.ofVirtual().name("argon2-dummy-hash").start(task));
    }

    /** The PHC-encoded Argon2id hash of {@code password}, with a fresh salt. */
    public String hash(CharSequence password) {
        Objects.requireNonNull(password, "password");
        return Objects.requireNonNull(encoder.encode(password), "argon2 encoder returned no hash");
    }

    /**
     * True when {@code password} matches {@code encoded}; false for a malformed hash. Constant work
     * per hash.
     */
    public boolean matches(CharSequence password, String encoded) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(encoded, "encoded");
        return PHC.matcher(encoded).find() && encoder.matches(password, encoded);
    }

    /**
     * Spends what one {@link #matches} costs, against a hash of today's parameters that belongs to
     * no one, and returns false: checking a password for an account that does not exist then takes
     * as long as for one that does, so timing does not tell which accounts exist.
     */
    public boolean matchesNoAccount(CharSequence password) {
        matches(password, dummyHash());
        return false;
    }

    /**
     * A hash of today's parameters that belongs to no one, for callers that must spend one {@link
     * #matches} when there is nothing to check against. Made once, off the start-up thread; the
     * first caller waits for it.
     */
    public String dummyHash() {
        return dummyHash.join();
    }

    /**
     * True when {@code encoded} is not Argon2id or any of its parameters is below the current ones.
     */
    public boolean needsRehash(String encoded) {
        Matcher m = PHC.matcher(encoded);
        if (!m.find() || !m.group(1).equals("argon2id")) {
            return true;
        }
        try {
            return Integer.parseInt(m.group(3)) < parameters.memoryKib()
                    || Integer.parseInt(m.group(4)) < parameters.iterations()
                    || Integer.parseInt(m.group(5)) < parameters.parallelism();
        } catch (NumberFormatException tooLarge) {
            return true;
        }
    }
}
