package dev.gatehouse.gateway.events;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a query parameter or JSON field name says that its value is a secret. Case-insensitive;
 * {@code -} counts as {@code _}. A name is secret when it
 *
 * <ul>
 *   <li>is one of {@code key}, {@code auth}, {@code sig}, {@code pwd}, {@code pin}, {@code otp},
 *       {@code session}, {@code sid}, {@code jwt};
 *   <li>contains one of {@code password}, {@code passwd}, {@code passphrase}, {@code secret},
 *       {@code token}, {@code api_key}, {@code apikey}, {@code access_key}, {@code private_key},
 *       {@code authorization}, {@code authentication}, {@code signature}, {@code credential},
 *       {@code session_id}, {@code sessionid}, {@code cookie}, {@code bearer};
 *   <li>or ends with {@code _key}, {@code _sig} or {@code _auth} (e.g. {@code client_key}, {@code
 *       x_amz_sig}).
 * </ul>
 *
 * <p>So {@code author}, {@code keyword} and {@code monkey} stay visible, while {@code tokenizer} is
 * masked: over-redacting a field is preferred to leaking one. ({@code code} is not on the list: in
 * an ERP it is usually an item or customer code.)
 */
public final class SecretNames {

    private static final Set<String> EXACT =
            Set.of("key", "auth", "sig", "pwd", "pin", "otp", "session", "sid", "jwt");

    private static final List<String> CONTAINS =
            List.of(
                    "password",
                    "passwd",
                    "passphrase",
                    "secret",
                    "token",
                    "api_key",
                    "apikey",
                    "access_key",
                    "private_key",
                    "authorization",
                    "authentication",
                    "signature",
                    "credential",
                    "session_id",
                    "sessionid",
                    "cookie",
                    "bearer");

    private SecretNames() {}

    /** True when a value under {@code name} must not be stored. */
    public static boolean isSecret(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        if (EXACT.contains(n) || n.endsWith("_key") || n.endsWith("_sig") || n.endsWith("_auth")) {
            return true;
        }
        for (String part : CONTAINS) {
            if (n.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
