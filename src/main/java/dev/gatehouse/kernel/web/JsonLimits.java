package dev.gatehouse.kernel.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

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

    /** snake_case, unknown properties fail, dates as ISO-8601 text. */
    public static JsonMapperBuilderCustomizer contract() {
        return builder ->
                builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The mapper the API uses, for tests and for code that serializes outside MVC. */
    public static JsonMapper apiMapper(int maxDepth) {
        JsonMapper.Builder builder = builder(maxDepth);
        contract().customize(builder);
        return builder.build();
    }
}
