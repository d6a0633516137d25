package dev.gatehouse.kernel.vault;

/**
 * What one {@link VaultRotation#rotate()} run did. Rows examined but neither re-sealed nor failed
 * ({@link #skipped()}) were changed by a concurrent writer between read and write; that writer
 * sealed them under the current key.
 *
 * @param columns the registered columns visited
 * @param examined values found under a key that is not the current one
 * @param resealed values re-sealed under the current key
 * @param failed values that did not open (malformed, unknown key, not authentic) and were left
 *     alone
 */
public record RotationReport(int columns, long examined, long resealed, long failed) {

    public RotationReport {
        if (columns < 0
                || examined < 0
                || resealed < 0
                || failed < 0
                || resealed + failed > examined) {
            throw new IllegalArgumentException(
                    "inconsistent rotation report: columns="
                            + columns
                            + ", examined="
                            + examined
                            + ", resealed="
                            + resealed
                            + ", failed="
                            + failed);
        }
    }

    /** Values that a concurrent writer replaced before this run could. */
    public long skipped() {
        return examined - resealed - failed;
    }

    /** True when every value examined is now under the current key. */
    public boolean complete() {
        return failed == 0;
    }
}
