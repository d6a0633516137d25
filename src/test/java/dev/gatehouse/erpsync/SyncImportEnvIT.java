package dev.gatehouse.erpsync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.GatehouseApplication;
import dev.gatehouse.testing.CapturedTerminal;
import dev.gatehouse.testing.CommandLine;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code gatehouse sync import-env}: an existing SageConnect {@code .env} becomes companies. */
class SyncImportEnvIT {

    private static final List<String> SECRETS =
            List.of(
                    "sql-secret-XYZ9",
                    "key-one-AAAA",
                    "key-two-BBBB",
                    "secret-one-CCCC",
                    "secret-two-DDDD",
                    "mail-secret-EEEE",
                    "hmac-secret-FFFF-0123456789");

    @TempDir Path workDir;

    private final TestNode node = TestNode.shared();

    @Test
    void aSageConnectEnvBecomesOneCompanyPerTenantAndEveryVariableIsReported() throws Exception {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        Path env = workDir.resolve("sageconnect.env");
        Files.writeString(
                env,
                """
                # SageConnect production
                DB_USER=sageconnect
                DB_PASSWORD=sql-secret-XYZ9
                SERVER=sage.internal,1433
                DATABASE=FESA
                URL=https://api-sandbox.portaldeproveedores.mx
                TENANT_ID=copamex-datos,copamex-mexicana
                API_KEY=key-one-AAAA,key-two-BBBB
                API_SECRET=secret-one-CCCC,secret-two-DDDD
                DATABASES=COPDAT,COPMEX
                EXTERNAL_IDS=CDA010101AAA,CME020202BB1
                NOMBRE="Copamex Datos SA de CV"
                RFC=CDA010101AAA
                REGIMEN=601
                TIMEZONE=America/Mexico_City
                CRON_SCHEDULE=*/30 * * * *
                IMPORT_CFDIS_ROUTE=C:\\Program Files (x86)\\Importa CFDIs AP - Focaltec\\ImportaFacturasFocaltec.exe
                ARG=COPDAT
                ADDRESS_IDENTIFIERS_SKIP=TRANS,CONSIG
                DEFAULT_ADDRESS_ZIP=64000
                MAILING_NOTICES=cxp@copamex.example
                MAILING_CC=tesoreria@copamex.example
                eServer=smtp.copamex.example
                ePass=mail-secret-EEEE
                LOG_PATH=./logs
                HMAC_SECRET=hmac-secret-FFFF-0123456789
                """);

        CapturedTerminal t =
                CommandLine.succeeds(
                        node.env(),
                        workDir,
                        "sync",
                        "import-env",
                        env.toString(),
                        "--tenant",
                        tenant.id());

        assertThat(t.out())
                .contains("used      TENANT_ID")
                .contains("used      API_SECRET (secret, sealed)")
                .contains("not mapped eServer: set SMTP_HOST in Gatehouse's environment")
                .contains("not mapped IMPORT_CFDIS_ROUTE: set SYNC_IMPORTER_PROGRAMS")
                .contains("not mapped HMAC_SECRET: set HMAC_SECRET")
                .contains("ignored   LOG_PATH")
                .contains(" COPDAT")
                .contains(" COPMEX");
        for (String secret : SECRETS) {
            assertThat(t.out() + t.err()).doesNotContain(secret);
        }
        JsonNode companies =
                node.http().get("/v1/sync/companies", tenant.adminKey()).json().get("data");
        assertThat(companies.size()).isEqualTo(2);
        JsonNode second = companies.get(1);
        assertThat(second.get("name").asString()).isEqualTo("COPMEX");
        assertThat(second.get("portal").get("tenant_id").asString()).isEqualTo("copamex-mexicana");
        assertThat(second.get("external_id").asString()).isEqualTo("CME020202BB1");
        assertThat(second.get("sql").get("host").asString()).isEqualTo("sage.internal");
        assertThat(second.get("sql").get("port").asInt()).isEqualTo(1433);
        assertThat(second.get("databases").get("control").asString()).isEqualTo("FESA");
        assertThat(second.get("cron").asString()).isEqualTo("*/30 * * * *");
        assertThat(second.get("skip_locations").valueStream().map(JsonNode::asString))
                .containsExactly("TRANS", "CONSIG");
        assertThat(second.get("mail_recipients").valueStream().map(JsonNode::asString))
                .containsExactly("cxp@copamex.example", "tesoreria@copamex.example");
        assertThat(second.get("importer").isNull()).isTrue();
    }

    @Test
    void withoutATenantTheCommandIsAUsageError() throws Exception {
        Path env = workDir.resolve("empty.env");
        Files.writeString(env, "TENANT_ID=a\n");
        CapturedTerminal t = new CapturedTerminal();
        int status =
                GatehouseApplication.run(
                        new String[] {"sync", "import-env", env.toString()},
                        node.env(),
                        workDir,
                        t.terminal());
        assertThat(status).isEqualTo(2);
        assertThat(t.err()).contains("--tenant");
    }
}
