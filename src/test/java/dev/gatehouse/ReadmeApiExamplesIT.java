package dev.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.BindNode;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's Connect Domain requests run as written: its {@code sh} blocks of "Connect Domain
 * requests, step by step", in order, by {@code bash} with {@code set -euo pipefail}, against a real
 * node whose DNS is the project's BIND. Only the block of variables the reader sets ("# Set once:")
 * is replaced by this test's values.
 */
class ReadmeApiExamplesIT {

    private static final String SECTION = "#### Connect Domain requests, step by step";
    private static final Pattern SH = Pattern.compile("(?s)```sh\\n(.*?)```");

    /** The section ends at the next heading or bold paragraph (a shell comment is "# "). */
    private static final Pattern NEXT = Pattern.compile("\\n(##+ |\\*\\*)");

    static List<String> blocks(String readme) {
        return blocks(readme, SECTION);
    }

    /** The {@code sh} blocks of the README's section headed {@code section}, in order. */
    static List<String> blocks(String readme, String section) {
        int start = readme.indexOf(section);
        assertThat(start).as("the README's section " + section).isNotNegative();
        Matcher next = NEXT.matcher(readme);
        int end = next.find(start + section.length()) ? next.start() : readme.length();
        Matcher m = SH.matcher(readme.substring(start, end));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    @Test
    void theReadmesConnectDomainRequestsSucceedAsWritten() throws Exception {
        Bind bind = Bind.shared();
        TestNode node = BindNode.shared();
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        List<String> blocks =
                blocks(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(7);
        assertThat(blocks.getFirst()).startsWith("# Set once:");

        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (String block : blocks.subList(1, blocks.size())) {
            script.append(block).append('\n');
        }
        script.append(
                "curl -sS -o /dev/null -w '%{http_code}' "
                        + "\"$GATEHOUSE/v1/applications/$APP\" -H \"Authorization: Bearer $KEY\""
                        + " > \"$GONE\"\n");
        Path gone = Files.createTempFile("readme-gone", ".txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script.toString());
        pb.environment().put("GATEHOUSE", node.env().get("PUBLIC_URL"));
        pb.environment().put("KEY", tenant.adminKey());
        pb.environment().put("CUSTOMER_HOST", "readme-" + System.nanoTime() + ".example.com");
        pb.environment().put("DNS_SERVER", "127.0.0.1");
        pb.environment().put("DNS_PORT", Integer.toString(bind.port()));
        pb.environment().put("DNS_ZONE", "example.com");
        pb.environment().put("TSIG_KEY_NAME", bind.tsigKeyName());
        pb.environment().put("TSIG_SECRET", bind.tsigSecretBase64());
        pb.environment().put("GONE", gone.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output)
                .as("the apply's answer: the records written, the connection live")
                .contains("\"status\":\"live\"")
                .contains("\"webhook_secret\":\"whsec_");
        assertThat(Files.readString(gone)).as("deleted at the end").isEqualTo("404");
    }
}
