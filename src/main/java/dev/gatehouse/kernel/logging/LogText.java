package dev.gatehouse.kernel.logging;

import dev.gatehouse.kernel.redaction.Redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one piece of user-supplied text safe to log, in time linear in its length: caps it at
 * {@value #MAX_CHARS} characters, elides every run of more than {@value #MAX_RUN} word characters
 * (no real secret or identifier is that long, and {@link Redaction}'s pair pattern is quadratic in
 * the length of such runs, so a long base64 blob would otherwise stall the logging thread), then
 * masks secrets. Eliding only ever hides more; a long JWT is elided whole.
 */
final class LogText {

    static final int MAX_CHARS = 64 * 1024;
    static final int MAX_RUN = 256;
    private static final Pattern LONG_RUN =
            Pattern.compile("(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{" + (MAX_RUN + 1) + ",}+");

    private LogText() {}

    static String safe(String text) {
        String capped =
                text.length() > MAX_CHARS
                        ? text.substring(0, MAX_CHARS)
                                + "[truncated "
                                + (text.length() - MAX_CHARS)
                                + " chars]"
                        : text;
        return Redaction.maskSecrets(elideLongRuns(capped));
    }

    private static String elideLongRuns(String text) {
        Matcher m = LONG_RUN.matcher(text);
        if (!m.find()) {
            return text;
        }
        var sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, "[elided " + (m.end() - m.start()) + " chars]");
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
