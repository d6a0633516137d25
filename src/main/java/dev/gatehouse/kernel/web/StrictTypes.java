package dev.gatehouse.kernel.web;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;

import java.lang.reflect.AnnotatedArrayType;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.AnnotatedWildcardType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checks a JSON tree against the Java type it is about to be bound to and lists <em>every</em>
 * mismatch, where Jackson stops at the first. Strict: a number is not a string, a string is not a
 * boolean or a number, a decimal is not a whole number, a whole number must fit its type, a
 * date-time is RFC 3339 text, an enum is one of its names, and null is refused where the Java type
 * is not {@code @Nullable} in {@code @NullMarked} code (and always for primitives). Unknown fields
 * of a record are listed with the rest.
 *
 * <p>Understands records (snake_case names, or {@code @JsonProperty}), collections and arrays, maps
 * with string keys, {@code Optional}, strings, booleans, numbers, enums, {@code Instant}, {@code
 * OffsetDateTime}, {@code ZonedDateTime}, {@code LocalDate} and {@code UUID}. Any other type (a
 * plain class, {@code Object}, {@code JsonNode}) is left to Jackson. Paths read like {@code
 * target.ipv4[1]}. At most {@link #MAX_ERRORS} messages, then one that says there are more. Pure;
 * thread-safe.
 */
final class StrictTypes {

    static final int MAX_ERRORS = 50;

    /** The message of a field the target type does not have. */
    static final String UNKNOWN = "is not a known field";

    private static final int MAX_PATH = 200;

    private static final SnakeCase SNAKE = new SnakeCase();

    private final List<ApiProblem.FieldMessage> errors = new ArrayList<>();
    private boolean truncated;

    private StrictTypes() {}

    /** Every mismatch between {@code json} and {@code type}, in document order; empty if none. */
    static List<ApiProblem.FieldMessage> check(JsonNode json, AnnotatedType type) {
        var check = new StrictTypes();
        check.value(json, type, true, false, "");
        if (check.truncated) {
            check.errors.add(
                    new ApiProblem.FieldMessage(
                            "body",
                            "has more errors; only the first " + MAX_ERRORS + " are listed"));
        }
        return List.copyOf(check.errors);
    }

    private void value(
            JsonNode json, AnnotatedType at, boolean nullable, boolean nullMarked, String path) {
        if (at instanceof AnnotatedWildcardType w) {
            AnnotatedType[] upper = w.getAnnotatedUpperBounds();
            value(json, upper.length == 0 ? at : upper[0], nullable, nullMarked, path);
            return;
        }
        Class<?> raw = raw(at.getType());
        if (raw == null || raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return;
        }
        if (json.isNull()) {
            if (!nullable) {
                fail(path, "expected " + ExpectedTypes.describe(raw) + ", got null");
            }
            return;
        }
        if (raw == Optional.class && at instanceof AnnotatedParameterizedType p) {
            value(json, p.getAnnotatedActualTypeArguments()[0], true, nullMarked, path);
        } else if (raw.isRecord()) {
            record(json, raw, path);
        } else if (raw.isArray()) {
            AnnotatedType element =
                    at instanceof AnnotatedArrayType a
                            ? a.getAnnotatedGenericComponentType()
                            : null;
            elements(json, element, raw, nullMarked, path);
        } else if (Collection.class.isAssignableFrom(raw)) {
            elements(json, argument(at, 0), raw, nullMarked, path);
        } else if (ExpectedTypes.isMap(raw)) {
            map(json, argument(at, 1), raw, nullMarked, path);
        } else {
            scalar(json, raw, path);
        }
    }

    private void record(JsonNode json, Class<?> type, String path) {
        if (!json.isObject()) {
            fail(path, "expected an object, got " + ExpectedTypes.kind(json));
            return;
        }
        boolean marked = Nullness.isNullMarked(type);
        Map<String, RecordComponent> byName = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            byName.put(jsonName(c), c);
        }
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            RecordComponent c = byName.get(e.getKey());
            String at = join(path, e.getKey());
            if (c == null) {
                fail(at, UNKNOWN);
            } else {
                AnnotatedType t = c.getAnnotatedType();
                value(e.getValue(), t, Nullness.allowsNull(t, marked), marked, at);
            }
        }
    }

    private void elements(
            JsonNode json,
            @Nullable AnnotatedType element,
            Class<?> raw,
            boolean nullMarked,
            String path) {
        if (!json.isArray()) {
            fail(
                    path,
                    "expected "
                            + ExpectedTypes.describe(raw)
                            + ", got "
                            + ExpectedTypes.kind(json));
            return;
        }
        if (element == null) {
            return;
        }
        int i = 0;
        for (JsonNode item : json.values()) {
            value(
                    item,
                    element,
                    Nullness.allowsNull(element, nullMarked),
                    nullMarked,
                    path + "[" + i++ + "]");
        }
    }

    private void map(
            JsonNode json,
            @Nullable AnnotatedType valueType,
            Class<?> raw,
            boolean nullMarked,
            String path) {
        if (!json.isObject()) {
            fail(
                    path,
                    "expected "
                            + ExpectedTypes.describe(raw)
                            + ", got "
                            + ExpectedTypes.kind(json));
            return;
        }
        if (valueType == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            value(
                    e.getValue(),
                    valueType,
                    Nullness.allowsNull(valueType, nullMarked),
                    nullMarked,
                    join(path, e.getKey()));
        }
    }

    private void scalar(JsonNode json, Class<?> type, String path) {
        String expected = ExpectedTypes.describe(type);
        String got = ", got " + ExpectedTypes.kind(json);
        if (type == String.class || type == CharSequence.class) {
            expect(json.isString(), path, expected + got);
        } else if (type == Boolean.class || type == boolean.class) {
            expect(json.isBoolean(), path, expected + got);
        } else if (ExpectedTypes.isWhole(type)) {
            whole(json, type, path);
        } else if (ExpectedTypes.isDecimal(type)) {
            expect(json.isNumber(), path, expected + got);
        } else if (ExpectedTypes.isDateTime(type)) {
            expect(
                    json.isString() && parses(json.asString(), OffsetDateTime::parse),
                    path,
                    expected);
        } else if (type == LocalDate.class) {
            expect(json.isString() && parses(json.asString(), LocalDate::parse), path, expected);
        } else if (type == UUID.class) {
            expect(json.isString() && parses(json.asString(), UUID::fromString), path, expected);
        } else if (type.isEnum()) {
            expect(json.isString() && isConstant(type, json.asString()), path, expected);
        }
        // Any other class is Jackson's to read.
    }

    private void whole(JsonNode json, Class<?> type, String path) {
        if (!json.isIntegralNumber()) {
            fail(path, "expected a whole number, got " + ExpectedTypes.kind(json));
            return;
        }
        long[] range = ExpectedTypes.range(type);
        if (range.length == 2
                && (!json.canConvertToLong()
                        || json.longValue() < range[0]
                        || json.longValue() > range[1])) {
            fail(path, "expected a whole number from " + range[0] + " to " + range[1]);
        }
    }

    private void expect(boolean ok, String path, String expected) {
        if (!ok) {
            fail(path, "expected " + expected);
        }
    }

    private void fail(String path, String message) {
        if (errors.size() >= MAX_ERRORS) {
            truncated = true;
            return;
        }
        String field = path.isEmpty() ? "body" : path;
        errors.add(
                new ApiProblem.FieldMessage(
                        field.length() <= MAX_PATH ? field : field.substring(0, MAX_PATH),
                        message));
    }

    private static boolean isConstant(Class<?> enumType, String text) {
        for (Object c : enumType.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean parses(String text, java.util.function.Function<String, ?> parser) {
        try {
            return parser.apply(text) != null;
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String jsonName(RecordComponent c) {
        JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
        if (named == null) {
            named = c.getAnnotation(JsonProperty.class);
        }
        if (named != null && !named.value().isEmpty()) {
            return named.value();
        }
        return SNAKE.name(c.getName());
    }

    private static @Nullable AnnotatedType argument(AnnotatedType t, int index) {
        if (t instanceof AnnotatedParameterizedType p) {
            AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
            return index < args.length ? args[index] : null;
        }
        return null;
    }

    private static @Nullable Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    /** Jackson's own snake_case rule, the one the API mapper applies. */
    private static final class SnakeCase extends PropertyNamingStrategies.SnakeCaseStrategy {

        private static final long serialVersionUID = 1L;

        String name(String javaName) {
            return translate(javaName);
        }
    }
}
