package dev.gatehouse.domains.ask;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link AskServlet} on the management listener only. Boot imports this class into the
 * management child context because it is listed in {@code
 * META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports}.
 * It is deliberately not a {@code @Configuration}: component scanning of the main context must not
 * find it, or the unauthenticated endpoint would also answer on the public port.
 */
class AskManagementContext {

    /** Not registered when Connect Domain is switched off: then every ask is a 404, a deny. */
    @Bean
    @ConditionalOnBooleanProperty(name = "gatehouse.products.domains", matchIfMissing = true)
    ServletRegistrationBean<AskServlet> askServlet(LiveHostnames live) {
        ServletRegistrationBean<AskServlet> registration =
                new ServletRegistrationBean<>(new AskServlet(live), AskServlet.PATH);
        registration.setName("gatehouseAsk");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
