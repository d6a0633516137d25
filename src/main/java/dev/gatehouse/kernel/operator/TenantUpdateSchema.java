package dev.gatehouse.kernel.operator;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * The body of {@code PATCH /v1/tenants/{id}} in the OpenAPI document: {@code status}, {@code plan}
 * and every limit the installed products keep per tenant, known only at run time (so the route
 * takes a map), each with its range; anything else is refused.
 */
@Component
@SuppressWarnings({"rawtypes", "unchecked"}) // swagger-core's Schema model is raw
class TenantUpdateSchema implements OpenApiCustomizer {

    static final String NAME = "TenantUpdateRequest";

    private final TenantAdministration admin;

    TenantUpdateSchema(TenantAdministration admin) {
        this.admin = admin;
    }

    @Override
    public void customise(OpenAPI openApi) {
        Schema body =
                new ObjectSchema()
                        .description(
                                "Changes status, plan and any product's per-tenant limit; give at"
                                        + " least one. A null field is left unchanged.")
                        .minProperties(1)
                        .additionalProperties(false)
                        .addProperty(
                                "status",
                                new StringSchema()
                                        .addEnumItem("active")
                                        .addEnumItem("suspended")
                                        .nullable(true))
                        .addProperty(
                                "plan",
                                new StringSchema()
                                        .addEnumItem("free")
                                        .addEnumItem("team")
                                        .addEnumItem("business")
                                        .nullable(true));
        for (TenantLimits.Limit l : admin.limitDefinitions()) {
            body.addProperty(
                    l.name(),
                    new IntegerSchema()
                            .minimum(BigDecimal.valueOf(l.min()))
                            .maximum(BigDecimal.valueOf(l.max()))
                            .nullable(true));
        }
        openApi.getComponents().addSchemas(NAME, body);
        PathItem item =
                openApi.getPaths() == null ? null : openApi.getPaths().get("/v1/tenants/{id}");
        Operation patch = item == null ? null : item.getPatch();
        if (patch != null) {
            patch.requestBody(
                    new RequestBody()
                            .required(true)
                            .content(
                                    new Content()
                                            .addMediaType(
                                                    "application/json",
                                                    new MediaType()
                                                            .schema(
                                                                    new Schema()
                                                                            .$ref(
                                                                                    "#/components/schemas/"
                                                                                            + NAME)))));
        }
    }
}
