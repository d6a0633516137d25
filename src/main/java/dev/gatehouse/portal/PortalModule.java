package dev.gatehouse.portal;

import dev.gatehouse.kernel.logging.LogComponent;
import dev.gatehouse.kernel.product.ProductModule;

import java.util.List;

/**
 * The portal as the kernel sees it: always on (it is how people reach every product), writing to
 * {@code Portal.log}. Listed in {@code
 * META-INF/services/dev.gatehouse.kernel.product.ProductModule}.
 */
public final class PortalModule implements ProductModule {

    @Override
    public String name() {
        return "portal";
    }

    @Override
    public boolean switchable() {
        return false;
    }

    @Override
    public List<LogComponent> logComponents() {
        return List.of(new LogComponent("Portal", "dev.gatehouse.portal"));
    }
}
