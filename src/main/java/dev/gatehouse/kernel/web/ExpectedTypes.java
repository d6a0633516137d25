package dev.gatehouse.kernel.web;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * How a field's expected type and a JSON value's kind are said to a client: {@code "a string"},
 * {@code "a whole number"}, {@code "an RFC 3339 date-time such as 2027-01-31T00:00:00Z"}. Shared by
 * the type check before binding ({@link StrictTypes}) and by the binding errors after it ({@link
 * BodyErrors}), so both say the same words.
 */
final class ExpectedTypes {

    /** The example every date-time message gives. */
    static final String DATE_TIME = "an RFC 3339 date-time such as 2027-01-31T00:00:00Z";

    static final String DATE = "a date such as 2027-01-31";

    private static final Set<Class<?>> WHOLE =
            Set.of(
                    Integer.class,
                    int.class,
                    Long.class,
                    long.class,
                    Short.class,
                    short.class,
                    Byte.class,
                    byte.class,
                    BigInteger.class);

    private static final Set<Class<?>> DECIMAL =
            Set.of(Double.class, double.class, Float.class, float.class, BigDecimal.class);

    private ExpectedTypes() {}

    static boolean isWhole(Class<?> type) {
        return WHOLE.contains(type);
    }

    static boolean isDecimal(Class<?> type) {
        return DECIMAL.contains(type);
    }

    static boolean isDateTime(Class<?> type) {
        return type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class;
    }

    /** What a value of {@code type} looks like in JSON, for "expected …"; null when unknown. */
    static String describe(Class<?> type) {
        if (type == String.class || type == CharSequence.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (isWhole(type)) {
            return "a whole number";
        }
        if (isDecimal(type)) {
            return "a number";
        }
        if (isDateTime(type)) {
            return DATE_TIME;
        }
        if (type == LocalDate.class) {
            return DATE;
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return oneOf(type);
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    /** {@code one of "a", "b"} for an enum, in declaration order. */
    static String oneOf(Class<?> enumType) {
        return "one of "
                + Arrays.stream(enumType.getEnumConstants())
                        .map(c -> "\"" + ((Enum<?>) c).name() + "\"")
                        .collect(Collectors.joining(", "));
    }

    /** The range of a whole-number type, or null when it has none (BigInteger). */
    static long[] range(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        }
        if (type == Short.class || type == short.class) {
            return new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
        }
        if (type == Byte.class || type == byte.class) {
            return new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
        }
        if (type == Long.class || type == long.class) {
            return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        }
        return new long[0];
    }

    /** The kind of a JSON value, for "got …". */
    static String kind(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isIntegralNumber()) {
            return "a whole number";
        }
        if (node.isNumber()) {
            return "a decimal number";
        }
        if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }

    /** Whether {@code type} is a map keyed by names (a JSON object with free keys). */
    static boolean isMap(Class<?> type) {
        return Map.class.isAssignableFrom(type);
    }
}
