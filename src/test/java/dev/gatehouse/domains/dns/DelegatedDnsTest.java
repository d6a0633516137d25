package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.vault.Vault;
import dev.gatehouse.kernel.vault.VaultKeys;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

class DelegatedDnsTest {

    @Test
    void withoutACredentialKeyNothingIsSealedOrStoredAndTheSecretIsZeroed() {
        Vault appKeyOnly = new Vault(VaultKeys.of(new byte[32]), new SecureRandom());
        // Nothing but the vault may be touched on this path: every other collaborator is absent.
        DelegatedDns delegated =
                new DelegatedDns(null, null, null, null, appKeyOnly, null, null, null, null);
        byte[] secret = {1, 2, 3};

        DelegatedDns.Saved saved =
                delegated.create(
                        new TenantId(1),
                        new CredentialRequests.Valid(
                                "x",
                                new ProviderConfig.Cloudflare(
                                        "a".repeat(32), ProviderConfig.Cloudflare.DEFAULT_BASE_URL),
                                secret),
                        Actor.system("test"));

        assertThat(saved).isEqualTo(new DelegatedDns.KeyMissing());
        assertThat(secret).containsOnly(0);
    }
}
