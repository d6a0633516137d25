package dev.gatehouse.gateway;

import dev.gatehouse.kernel.web.ProblemRenderer;
import dev.gatehouse.kernel.web.SwitchedOffRoutes;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** Wires ERP Access from the validated settings. */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    /** The gateway's routes: its administration API, its client surface and its portal pages. */
    static final List<String> ROUTES = List.of("/v1/gateway/", "/gateway/", "/portal/gateway");

    /** ERP Access switched off: its routes answer 404 (its workers do not run). */
    @Bean
    @ConditionalOnBooleanProperty(name = "gatehouse.products.gateway", havingValue = false)
    FilterRegistrationBean<SwitchedOffRoutes> gatewaySwitchedOff(ProblemRenderer problems) {
        return SwitchedOffRoutes.register(
                ROUTES, "ERP Access is switched off on this installation.", problems);
    }
}
