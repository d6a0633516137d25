package dev.gatehouse.kernel;

import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.openapi.ListParameters;
import dev.gatehouse.kernel.openapi.ProblemResponses;
import dev.gatehouse.kernel.openapi.WireSchemas;
import dev.gatehouse.kernel.web.PublicUrl;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The OpenAPI document at {@code /v1/openapi.json} (OpenAPI 3.0, see ADR 14): bearer API keys, the
 * resolved {@link Caller} hidden, {@code PUBLIC_URL} as the one server (springdoc would otherwise
 * build it from the request's {@code Host}), records as the API writes them ({@link WireSchemas}),
 * every route's problem answers ({@link ProblemResponses}) and the shared paging parameters ({@link
 * ListParameters}). The contract test holds the API to it.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        SpringDocUtils.getConfig()
                .addRequestWrapperToIgnore(Caller.class)
                // A free-form object, not JsonNode's getters.
                .replaceWithSchema(tools.jackson.databind.JsonNode.class, new ObjectSchema());
    }

    @Bean
    WireSchemas wireSchemas() {
        return new WireSchemas();
    }

    @Bean
    ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    @Bean
    ListParameters listParameters() {
        return new ListParameters();
    }

    @Bean
    OpenAPI gatehouseOpenApi(PublicUrl publicUrl) {
        return new OpenAPI()
                .servers(List.of(new Server().url(publicUrl.toString())))
                .info(
                        new Info()
                                .title("Gatehouse API")
                                .version("v1")
                                .description(
                                        "Errors are application/problem+json with a stable `code`"
                                            + " and the request's `ref`. Lists take `limit` (1-100,"
                                            + " default 20) and `cursor`."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        "api_key",
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.HTTP)
                                                .scheme("bearer")
                                                .description(
                                                        "An API key, gk_ followed by 43"
                                                                + " characters")))
                .addSecurityItem(new SecurityRequirement().addList("api_key"));
    }
}
