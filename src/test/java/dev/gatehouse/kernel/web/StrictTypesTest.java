package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

class StrictTypesTest {

    private static final JsonMapper JSON = JsonLimits.apiMapper(32);

    enum Colour {
        RED,
        GREEN
    }

    @NullMarked
    record Scalars(
            @Nullable String text,
            @Nullable Boolean flag,
            @Nullable Integer count,
            @Nullable Long big,
            @Nullable Short small,
            @Nullable Double ratio,
            @Nullable BigDecimal price,
            @Nullable Colour colour,
            @Nullable Instant at,
            @Nullable OffsetDateTime until,
            @Nullable LocalDate day,
            @Nullable UUID uuid,
            @Nullable Object anything) {}

    @NullMarked
    record Target(@Nullable String cname, @Nullable List<String> ipv4) {}

    @NullMarked
    record Body(
            @Nullable String name,
            @Nullable Target target,
            @Nullable List<Target> targets,
            @Nullable Map<String, Integer> limits,
            @Nullable Set<Colour> colours,
            int @Nullable [] numbers,
            @JsonProperty("renamed") @Nullable String otherName) {}

    @NullMarked
    record Strict(String name, int count, List<String> items) {}

    @NullUnmarked
    record Unmarked(String name, int count) {}

    /** Each JSON kind, written as a value. */
    private static final Map<String, String> KINDS =
            Map.of(
                    "a string", "\"x\"",
                    "a boolean", "true",
                    "a whole number", "7",
                    "a decimal number", "1.5",
                    "an array", "[]",
                    "an object", "{}");

    private static Map<String, String> check(String json, Class<?> type) throws Exception {
        var errors =
                StrictTypes.check(
                        JSON.readTree(json),
                        StrictTypesTest.class
                                .getDeclaredMethod("sink", type)
                                .getParameters()[0]
                                .getAnnotatedType());
        var byField = new LinkedHashMap<String, String>();
        errors.forEach(e -> byField.put(e.field(), e.message()));
        assertThat(byField).as("one message per field").hasSize(errors.size());
        return byField;
    }

    @SuppressWarnings("unused")
    private static void sink(Scalars s) {}

    @SuppressWarnings("unused")
    private static void sink(Body b) {}

    @SuppressWarnings("unused")
    private static void sink(Strict s) {}

    @SuppressWarnings("unused")
    private static void sink(Unmarked u) {}

    private static String field(String field, String kind) {
        return "{\"" + field + "\":" + KINDS.get(kind) + "}";
    }

    /** For each field, the JSON kinds it accepts (any other kind is refused). */
    private static final Map<String, Set<String>> ACCEPTS =
            Map.ofEntries(
                    Map.entry("text", Set.of("a string")),
                    Map.entry("flag", Set.of("a boolean")),
                    Map.entry("count", Set.of("a whole number")),
                    Map.entry("big", Set.of("a whole number")),
                    Map.entry("small", Set.of("a whole number")),
                    Map.entry("ratio", Set.of("a whole number", "a decimal number")),
                    Map.entry("price", Set.of("a whole number", "a decimal number")),
                    Map.entry("anything", Set.copyOf(KINDS.keySet())));

    @Test
    void everyJsonKindAgainstEveryScalarTypeIsAcceptedOnlyWhereItFits() throws Exception {
        for (var field : ACCEPTS.entrySet()) {
            for (String kind : KINDS.keySet()) {
                var errors = check(field(field.getKey(), kind), Scalars.class);
                if (field.getValue().contains(kind)) {
                    assertThat(errors).as(field.getKey() + " <- " + kind).isEmpty();
                } else {
                    assertThat(errors)
                            .as(field.getKey() + " <- " + kind)
                            .containsOnlyKeys(field.getKey());
                    assertThat(errors.get(field.getKey()))
                            .startsWith("expected ")
                            .endsWith(", got " + kind);
                }
            }
        }
    }

    @Test
    void aNumberIsNotAStringAndAStringIsNotABooleanOrANumber() throws Exception {
        assertThat(check("{\"text\":123}", Scalars.class))
                .containsEntry("text", "expected a string, got a whole number");
        assertThat(check("{\"flag\":\"true\"}", Scalars.class))
                .containsEntry("flag", "expected true or false, got a string");
        assertThat(check("{\"count\":\"12\"}", Scalars.class))
                .containsEntry("count", "expected a whole number, got a string");
        assertThat(check("{\"count\":1.0}", Scalars.class))
                .containsEntry("count", "expected a whole number, got a decimal number");
    }

    @Test
    void wholeNumbersMustFitTheirType() throws Exception {
        assertThat(check("{\"count\":2147483647,\"small\":-32768}", Scalars.class)).isEmpty();
        assertThat(check("{\"count\":2147483648,\"small\":40000}", Scalars.class))
                .containsEntry("count", "expected a whole number from -2147483648 to 2147483647")
                .containsEntry("small", "expected a whole number from -32768 to 32767");
        assertThat(check("{\"big\":9223372036854775808}", Scalars.class))
                .containsEntry(
                        "big",
                        "expected a whole number from -9223372036854775808 to 9223372036854775807");
    }

    @Test
    void datesTimesEnumsAndUuidsNameTheirFormat() throws Exception {
        assertThat(
                        check(
                                "{\"at\":\"2027-01-31T00:00:00Z\",\"until\":\"2027-01-31T01:00:00+01:00\","
                                    + "\"day\":\"2027-01-31\",\"colour\":\"RED\","
                                    + "\"uuid\":\"0b5c9a4e-8a0e-4a8e-9d8e-4b4a2c0e1f00\"}",
                                Scalars.class))
                .isEmpty();
        String dateTime = "expected an RFC 3339 date-time such as 2027-01-31T00:00:00Z";
        assertThat(
                        check(
                                "{\"at\":\"tomorrow\",\"until\":1800000000,\"day\":\"31/01/2027\","
                                        + "\"colour\":\"purple\",\"uuid\":\"nope\"}",
                                Scalars.class))
                .containsExactly(
                        Map.entry("at", dateTime),
                        Map.entry("until", dateTime),
                        Map.entry("day", "expected a date such as 2027-01-31"),
                        Map.entry("colour", "expected one of \"RED\", \"GREEN\""),
                        Map.entry("uuid", "expected a UUID"));
        assertThat(check("{\"at\":\"2027-01-31T00:00:00\"}", Scalars.class))
                .as("a date-time without an offset is not RFC 3339")
                .containsEntry("at", dateTime);
    }

    @Test
    void nestedObjectsListsMapsAndArraysReportEveryWrongFieldWithItsPath() throws Exception {
        var errors =
                check(
                        "{\"name\":123,\"target\":{\"cname\":true,\"ipv4\":[\"192.0.2.1\",5,null]},"
                            + "\"targets\":[{\"cname\":\"ok\"},{\"ipv4\":\"x\"}],"
                            + "\"limits\":{\"a\":1,\"b\":\"2\"},\"colours\":[\"RED\",\"BLUE\"],"
                            + "\"numbers\":[1,\"2\"],\"renamed\":false,\"tenant_id\":\"ten_x\"}",
                        Body.class);
        assertThat(errors)
                .containsExactly(
                        Map.entry("name", "expected a string, got a whole number"),
                        Map.entry("target.cname", "expected a string, got a boolean"),
                        Map.entry("target.ipv4[1]", "expected a string, got a whole number"),
                        Map.entry("target.ipv4[2]", "expected a string, got null"),
                        Map.entry("targets[1].ipv4", "expected an array, got a string"),
                        Map.entry("limits.b", "expected a whole number, got a string"),
                        Map.entry("colours[1]", "expected one of \"RED\", \"GREEN\""),
                        Map.entry("numbers[1]", "expected a whole number, got a string"),
                        Map.entry("renamed", "expected a string, got a boolean"),
                        Map.entry("tenant_id", "is not a known field"));
    }

    @Test
    void anObjectWhereAnArrayOrScalarIsExpectedAndTheReverseAreRefused() throws Exception {
        assertThat(check("{\"target\":\"edge.example\"}", Body.class))
                .containsEntry("target", "expected an object, got a string");
        assertThat(check("{\"limits\":[1]}", Body.class))
                .containsEntry("limits", "expected an object, got an array");
        assertThat(check("[]", Body.class))
                .containsEntry("body", "expected an object, got an array");
    }

    @Test
    void nullIsRefusedWhereTheTypeIsNotNullableAndForPrimitives() throws Exception {
        assertThat(check("{\"name\":null,\"target\":null,\"numbers\":null}", Body.class)).isEmpty();
        assertThat(check("{\"name\":null,\"count\":null,\"items\":[null]}", Strict.class))
                .containsExactly(
                        Map.entry("name", "expected a string, got null"),
                        Map.entry("count", "expected a whole number, got null"),
                        Map.entry("items[0]", "expected a string, got null"));
        assertThat(check("{\"name\":null,\"count\":null}", Unmarked.class))
                .as("outside @NullMarked code only primitives refuse null")
                .containsExactly(Map.entry("count", "expected a whole number, got null"));
    }

    @Test
    void unknownFieldsAreListedWithTypeErrorsAndAbsentFieldsAreNotErrors() throws Exception {
        assertThat(check("{}", Strict.class)).isEmpty();
        assertThat(check("{\"a\":1,\"count\":\"x\",\"b\":2}", Strict.class))
                .containsExactly(
                        Map.entry("a", "is not a known field"),
                        Map.entry("count", "expected a whole number, got a string"),
                        Map.entry("b", "is not a known field"));
    }

    @Test
    void theListStopsAtFiftyAndSaysThereAreMore() throws Exception {
        String many =
                java.util.stream.IntStream.range(0, 80)
                        .mapToObj(i -> "\"f" + i + "\":1")
                        .collect(Collectors.joining(",", "{", "}"));
        var errors =
                StrictTypes.check(
                        JSON.readTree(many),
                        StrictTypesTest.class
                                .getDeclaredMethod("sink", Strict.class)
                                .getParameters()[0]
                                .getAnnotatedType());
        assertThat(errors).hasSize(StrictTypes.MAX_ERRORS + 1);
        assertThat(errors.getLast())
                .isEqualTo(
                        new ApiProblem.FieldMessage(
                                "body", "has more errors; only the first 50 are listed"));
    }

    @Test
    void theDetailSaysWhetherFieldsAreUnknownMistypedOrBoth() {
        var unknown = new ApiProblem.FieldMessage("a", StrictTypes.UNKNOWN);
        var mistyped = new ApiProblem.FieldMessage("b", "expected a string, got true");
        assertThat(StrictJsonBodies.detail(List.of(unknown))).isEqualTo("Unknown field.");
        assertThat(StrictJsonBodies.detail(List.of(unknown, unknown))).isEqualTo("Unknown fields.");
        assertThat(StrictJsonBodies.detail(List.of(mistyped)))
                .isEqualTo("A field has the wrong type or format.");
        assertThat(StrictJsonBodies.detail(List.of(mistyped, mistyped)))
                .isEqualTo("Some fields have the wrong type or format.");
        assertThat(StrictJsonBodies.detail(List.of(unknown, mistyped)))
                .isEqualTo("Some fields are unknown or have the wrong type or format.");
    }
}
