package dev.gatehouse.kernel;

import dev.gatehouse.kernel.keys.Caller;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v1/openapi.json}: bearer API keys, the resolved {@link Caller}
 * hidden.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI gatehouseOpenApi() {
        return new OpenAPI()
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
