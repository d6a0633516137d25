package dev.gatehouse.kernel.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import java.util.function.Consumer;

/**
 * The JSON contract of the API as Jackson 3 settings: snake_case names, unknown fields rejected (no
 * mass assignment), a field named twice in one object rejected (no "last one wins", which lets a
 * proxy or validator in front read a different value than we do), ISO-8601 dates rather than
 * timestamps, and a nesting-depth limit.
 *
 * <p>Jackson 3 keeps {@link StreamReadConstraints} on the immutable {@link JsonFactory}, which a
 * {@link JsonMapperBuilderCustomizer} cannot replace; so the depth limit comes from {@link
 * #builder(int)}, registered as the prototype {@code JsonMapper.Builder} bean that Spring Boot's
 * auto-configuration backs off from, and Boot still applies every customizer to it.
 */
public final class JsonLimits {

    private JsonLimits() {}

    /**
     * A mapper builder whose parser refuses JSON nested deeper than {@code maxDepth} and objects
     * that name a field twice.
     */
    public static JsonMapper.Builder builder(int maxDepth) {
        StreamReadConstraints constraints =
                StreamReadConstraints.builder().maxNestingDepth(maxDepth).build();
        return JsonMapper.builder(
                JsonFactory.builder()
                        .streamReadConstraints(constraints)
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build());
    }

    /**
     * snake_case, unknown properties fail, dates as ISO-8601 text, and no coercion between JSON
     * kinds: a number is not read as a string, a string not as a number or boolean, a decimal not
     * as a whole number, a number not as a date or an enum, null not as a primitive. {@link
     * StrictJsonBodies} lists every such mismatch before binding; these settings keep Jackson
     * itself strict wherever a body is read without it.
     */
    public static JsonMapperBuilderCustomizer contract() {
        return builder ->
                builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                        .withCoercionConfig(
                                LogicalType.Textual,
                                refuse(
                                        CoercionInputShape.Integer,
                                        CoercionInputShape.Float,
                                        CoercionInputShape.Boolean))
                        .withCoercionConfig(
                                LogicalType.Integer,
                                refuse(
                                        CoercionInputShape.String,
                                        CoercionInputShape.Float,
                                        CoercionInputShape.Boolean))
                        .withCoercionConfig(
                                LogicalType.Float,
                                refuse(CoercionInputShape.String, CoercionInputShape.Boolean))
                        .withCoercionConfig(
                                LogicalType.Boolean,
                                refuse(
                                        CoercionInputShape.String,
                                        CoercionInputShape.Integer,
                                        CoercionInputShape.Float))
                        .withCoercionConfig(
                                LogicalType.DateTime,
                                refuse(CoercionInputShape.Integer, CoercionInputShape.Float))
                        .withCoercionConfig(
                                LogicalType.Enum,
                                refuse(CoercionInputShape.Integer, CoercionInputShape.Float));
    }

    private static Consumer<MutableCoercionConfig> refuse(CoercionInputShape... shapes) {
        return config -> {
            for (CoercionInputShape shape : shapes) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        };
    }

    /** The mapper the API uses, for tests and for code that serializes outside MVC. */
    public static JsonMapper apiMapper(int maxDepth) {
        JsonMapper.Builder builder = builder(maxDepth);
        contract().customize(builder);
        return builder.build();
    }
}
