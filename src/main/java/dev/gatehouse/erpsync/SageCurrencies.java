package dev.gatehouse.erpsync;

import java.util.Locale;

/**
 * Sage 300's currency codes as the portal wants them: ISO 4217, so Sage's {@code MXP} is {@code
 * MXN}.
 */
public final class SageCurrencies {

    private SageCurrencies() {}

    public static String iso(String sage) {
        String c = sage.strip().toUpperCase(Locale.ROOT);
        return c.equals("MXP") ? "MXN" : c;
    }
}
