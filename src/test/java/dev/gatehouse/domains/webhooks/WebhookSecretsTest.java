package dev.gatehouse.domains.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.vault.Opened;
import dev.gatehouse.kernel.vault.Vault;
import dev.gatehouse.kernel.vault.VaultKeys;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

class WebhookSecretsTest {

    final SecureRandom random = new SecureRandom();
    final WebhookSecrets secrets =
            new WebhookSecrets(random, new Vault(VaultKeys.of(bytes(32)), random));
    final TenantId tenant = new TenantId(7);

    @Test
    void aSecretIsWhsecAndPaddedBase64OfThirtyTwoRandomBytes() {
        String secret = secrets.generate();
        assertThat(secret).startsWith("whsec_").hasSize(6 + 44).endsWith("=");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(secrets.generate()).isNotEqualTo(secret);
    }

    @Test
    void aSealedSecretOpensToTheWholeStringAtItsPlaceOnly() {
        String secret = secrets.generate();
        String sealed = secrets.seal(tenant, "app_one", secret);
        assertThat(sealed).doesNotContain(secret.substring(6));

        Opened opened = secrets.open(tenant, "app_one", sealed);
        assertThat(opened)
                .isInstanceOfSatisfying(
                        Opened.Revealed.class,
                        r -> {
                            try (var s = r.secret()) {
                                assertThat(s.asString()).isEqualTo(secret);
                            }
                        });
        assertThat(secrets.open(tenant, "app_two", sealed)).isInstanceOf(Opened.Failed.class);
        assertThat(secrets.open(new TenantId(8), "app_one", sealed))
                .isInstanceOf(Opened.Failed.class);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
