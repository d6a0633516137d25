package dev.gatehouse.kernel.openapi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;

import org.jspecify.annotations.Nullable;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Records as the API's own Jackson 3 mapper writes them, for swagger-core, which introspects with
 * its own Jackson 2 mapper: property names in snake_case, a component without JSpecify
 * {@code @Nullable} required, a {@code @Nullable} one {@code nullable} (an object behind a {@code
 * $ref} wrapped in {@code allOf}, as OpenAPI 3.0 ignores siblings of {@code $ref}). A component
 * whose accessor carries {@code @Schema(requiredMode = REQUIRED)} is required even when the record
 * accepts null there: request records take every field as nullable and report missing ones
 * themselves, so a required request field is one the route refuses to go without. {@code Object} (a
 * map's values, say) is any JSON value.
 */
@SuppressWarnings({"rawtypes", "unchecked"}) // swagger-core's Schema model is raw
public final class WireSchemas extends ModelResolver {

    private static final io.swagger.v3.oas.annotations.media.Schema.RequiredMode REQUIRED =
            io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    public WireSchemas() {
        super(snakeCase());
    }

    private static ObjectMapper snakeCase() {
        ObjectMapper mapper = Json.mapper().copy();
        mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return mapper;
    }

    @Override
    public @Nullable Schema resolve(
            AnnotatedType annotated, ModelConverterContext context, Iterator<ModelConverter> next) {
        if (_mapper.constructType(annotated.getType()).getRawClass() == Object.class) {
            return new Schema(); // any JSON value; swagger-core would say "type: object"
        }
        Schema resolved = super.resolve(annotated, context, next);
        if (resolved == null) {
            return null;
        }
        Class<?> raw = _mapper.constructType(annotated.getType()).getRawClass();
        if (raw.isRecord()) {
            Schema model = resolved;
            if (resolved.get$ref() != null) {
                String ref = resolved.get$ref();
                model = context.getDefinedModels().get(ref.substring(ref.lastIndexOf('/') + 1));
            }
            if (model != null && model.getProperties() != null) {
                markNullness(raw, model);
            }
        }
        return resolved;
    }

    private static void markNullness(Class<?> record, Schema model) {
        Map<String, Schema> properties = model.getProperties();
        List<String> required = new ArrayList<>();
        for (RecordComponent c : record.getRecordComponents()) {
            String name = wireName(c);
            Schema property = properties.get(name);
            if (property == null) {
                continue;
            }
            var declared =
                    c.getAccessor().getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            var declaredArray =
                    c.getAccessor()
                            .getAnnotation(io.swagger.v3.oas.annotations.media.ArraySchema.class);
            boolean declaredRequired =
                    (declared != null && declared.requiredMode() == REQUIRED)
                            || (declaredArray != null
                                    && declaredArray.arraySchema().requiredMode() == REQUIRED);
            boolean nullable = c.getAnnotatedType().isAnnotationPresent(Nullable.class);
            if (declaredRequired || !nullable) {
                required.add(name);
            } else if (property.get$ref() != null) {
                properties.put(
                        name,
                        new Schema()
                                .nullable(true)
                                .allOf(List.of(new Schema().$ref(property.get$ref()))));
            } else {
                property.setNullable(true);
            }
        }
        model.setRequired(required.isEmpty() ? null : required);
    }

    private static String wireName(RecordComponent c) {
        JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
        if (named != null && !named.value().isEmpty()) {
            return named.value();
        }
        return SNAKE_CASE.translate(c.getName());
    }
}
