package dev.gatehouse.licensing;

import dev.gatehouse.kernel.config.Settings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * The demo's license (development only, {@link LicensingSettings#demo()}): once the node serves
 * requests, its own license server issues a license for the key the settings made up, valid {@link
 * #VALIDITY}, and the license is checked at once, over HTTP and signed like any other, so the
 * SageConnect demo runs without a license server of its own.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
@Order(0)
class DemoLicense implements ApplicationRunner {

    /** How long the demo license is valid from each start. */
    static final Duration VALIDITY = Duration.ofDays(30);

    static final String CUSTOMER = "Gatehouse development (SageConnect demo)";

    private static final Logger log = LoggerFactory.getLogger(DemoLicense.class);

    private final LicensingSettings settings;
    private final LicenseServer server;
    private final License license;
    private final Clock clock;

    DemoLicense(Settings settings, LicenseServer server, License license, Clock clock) {
        this.settings = settings.section(LicensingSettings.class);
        this.server = server;
        this.license = license;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        String key = settings.licenseKey();
        if (!settings.demo() || key == null) {
            return;
        }
        server.issue(CUSTOMER, key, clock.instant().plus(VALIDITY));
        LicenseStatus status = license.check();
        log.info(
                "[LICENSE] development: this node licensed itself for the SageConnect demo ({})",
                status.state());
    }
}
