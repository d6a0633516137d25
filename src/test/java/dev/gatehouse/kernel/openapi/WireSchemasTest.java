package dev.gatehouse.kernel.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import io.swagger.v3.oas.models.media.Schema;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

class WireSchemasTest {

    record Inner(String id) {}

    record Sample(
            Instant createdAt,
            @Nullable String endUserRef,
            @io.swagger.v3.oas.annotations.media.Schema(requiredMode = RequiredMode.REQUIRED)
                    @Nullable String hostname,
            @Nullable Inner inner) {}

    @Test
    @SuppressWarnings("rawtypes")
    void recordsAreSnakeCaseRequiredUnlessNullableAndNullableReferencesWrapped() {
        ModelConverters converters = new ModelConverters();
        converters.addConverter(new WireSchemas());

        Map<String, Schema> schemas = converters.readAll(Sample.class);
        Schema sample = schemas.get("Sample");

        assertThat(sample.getProperties())
                .containsOnlyKeys("created_at", "end_user_ref", "hostname", "inner");
        assertThat(sample.getRequired()).containsExactlyInAnyOrder("created_at", "hostname");
        Schema endUserRef = (Schema) sample.getProperties().get("end_user_ref");
        assertThat(endUserRef.getNullable()).isTrue();
        Schema hostname = (Schema) sample.getProperties().get("hostname");
        assertThat(hostname.getNullable()).isNull();
        Schema inner = (Schema) sample.getProperties().get("inner");
        assertThat(inner.getNullable()).isTrue();
        assertThat(((Schema) inner.getAllOf().getFirst()).get$ref()).endsWith("/Inner");
        assertThat(schemas.get("Inner").getRequired()).containsExactly("id");
    }
}
