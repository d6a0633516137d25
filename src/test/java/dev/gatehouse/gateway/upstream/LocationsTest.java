package dev.gatehouse.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocationsTest {

    private final UpstreamHttp.Target target =
            UpstreamHttp.Target.of("https://erp.example.com:50000/b1s/v1");

    @Test
    void aLocationInsideTheBaseUrlMovesUnderTheGatewayPath() {
        assertThat(
                        Locations.rewrite(
                                target,
                                "https://erp.example.com:50000/b1s/v1/Orders(7)?x=1",
                                "/gateway/v1/erp"))
                .isEqualTo("/gateway/v1/erp/Orders(7)?x=1");
        assertThat(Locations.rewrite(target, "/b1s/v1/Items", "/gateway/v1/erp"))
                .isEqualTo("/gateway/v1/erp/Items");
        assertThat(Locations.rewrite(target, "Items('A1')", "/gateway/v1/erp"))
                .isEqualTo("/gateway/v1/erp/Items('A1')");
    }

    @Test
    void anyOtherLocationIsPassedUnchanged() {
        for (String other :
                new String[] {
                    "https://sso.example.com/login",
                    "https://erp.example.com:50001/b1s/v1/Orders",
                    "http://erp.example.com:50000/b1s/v1/Orders",
                    "/other/path",
                    "::not a uri::"
                }) {
            assertThat(Locations.rewrite(target, other, "/gateway/v1/erp")).isEqualTo(other);
        }
    }
}
