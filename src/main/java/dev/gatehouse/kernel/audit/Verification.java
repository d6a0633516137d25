package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;

/**
 * The result of walking one hash chain.
 *
 * @param ok true when every link verified
 * @param checked links examined, including the broken one when {@code ok} is false
 * @param firstBrokenPublicId the first event whose row no longer matches its hash, whose link is
 *     broken, or that is missing; null when {@code ok}
 */
public record Verification(boolean ok, long checked, @Nullable String firstBrokenPublicId) {

    public Verification {
        if (ok != (firstBrokenPublicId == null)) {
            throw new IllegalArgumentException(
                    "a verification names a broken event exactly when it is not ok");
        }
    }

    static Verification passed(long checked) {
        return new Verification(true, checked, null);
    }

    static Verification broken(long checked, String publicId) {
        return new Verification(false, checked, publicId);
    }
}
