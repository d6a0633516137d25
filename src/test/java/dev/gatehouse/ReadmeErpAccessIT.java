package dev.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's "ERP Access, step by step" runs as written: its {@code sh} blocks, in order, by
 * {@code bash} with {@code set -euo pipefail}, against a real node and a recording upstream
 * standing in for the ERP. Only the block of variables the reader sets ("# Set once:") is replaced
 * by this test's values. The upstream must see exactly the one relay the walkthrough allows.
 */
class ReadmeErpAccessIT {

    static final String SECTION = "#### ERP Access, step by step";

    @Test
    void theReadmesErpAccessWalkthroughSucceedsAsWritten() throws Exception {
        TestNode node = TestNode.shared();
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        try (FakeUpstream erp = FakeUpstream.start()) {
            List<String> blocks =
                    ReadmeApiExamplesIT.blocks(
                            Files.readString(Path.of("README.md"), StandardCharsets.UTF_8),
                            SECTION);
            assertThat(blocks).hasSizeGreaterThanOrEqualTo(6);
            assertThat(blocks.getFirst()).startsWith("# Set once:");

            StringBuilder script = new StringBuilder("set -euo pipefail\n");
            for (String block : blocks.subList(1, blocks.size())) {
                script.append(block).append('\n');
            }
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString());
            pb.environment().put("GATEHOUSE", node.env().get("PUBLIC_URL"));
            pb.environment().put("KEY", tenant.adminKey());
            pb.environment().put("ERP_URL", erp.url("/api"));
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output)
                    .as("explain, the relayed answer, then 503 under the kill switch, 401 revoked")
                    .contains("\"allow\"")
                    .contains("\"ok\":true")
                    .containsSubsequence("503\n", "401\n")
                    .contains("\"added\":[{")
                    .doesNotContain("gwt_")
                    .doesNotContain("gwp_");
            assertThat(erp.requests("/api/customers/42")).hasSize(1);
        }
    }
}
