package dev.gatehouse.erpsync.documents;

import static dev.gatehouse.erpsync.SyncScenario.NOW;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;

import dev.gatehouse.erpsync.SyncScenario;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** {@code buildProviders} and {@code downloadCFDI} against the fake portal and the H2 Sage. */
class DocumentsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String UUID = "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";

    private final TestNode node = TestNode.shared();
    private SyncScenario s;

    @AfterEach
    void close() {
        s.close();
    }

    private static ObjectNode provider(String id, boolean bank) {
        ObjectNode p =
                JSON.createObjectNode()
                        .put("id", id)
                        .put("external_id", "P001")
                        .put("name", "Papelera del Norte SA de CV")
                        .put("rfc", "PNO980101AB1")
                        .put("type", "NACIONAL")
                        .put("credit_days", 30)
                        .put("tax_id", "");
        ObjectNode exp = p.putObject("expedient").put("approved", "2026-12-07T09:15:30.250Z");
        exp.putArray("addresses")
                .addObject()
                .put("street", "Av. Reforma")
                .put("exterior_number", "100")
                .put("interior_number", "")
                .put("suburb", "Centro")
                .put("locality", "")
                .put("city", "Monterrey")
                .put("state", "Nuevo Leon")
                .put("country", "MEX")
                .put("zip", "64000");
        exp.putArray("contacts")
                .addObject()
                .put("name", "Ana Perez")
                .put("email", "ana@papelera.example")
                .put("phone", "8112345678");
        if (bank) {
            exp.putArray("bank_accounts")
                    .addObject()
                    .put("bank", "BANORTE")
                    .put("clabe", "072580001234567890")
                    .put("account", "0123456789")
                    .put("currency", "MXN");
        }
        exp.putArray("fields")
                .addObject()
                .put("field_external_id", "GRUPO_DE_PROVEEDORES")
                .put("value_external_id", "NAC");
        return p;
    }

    private static ObjectNode cfdi(String id, String uuid, String providerId) {
        ObjectNode c =
                JSON.createObjectNode()
                        .put("id", id)
                        .put("uuid", uuid.toLowerCase())
                        .put("cfdi_type", "INVOICE")
                        .put("stage", "PENDING_TO_PAY");
        c.putObject("receiver").put("rfc", "CDA010101AAA");
        ObjectNode meta = c.putObject("metadata").put("provider_id", providerId);
        ObjectNode info = meta.putArray("additional_info").addObject();
        info.putObject("field").put("external_id", "OC");
        info.putObject("value").put("raw", "PO0001");
        return c;
    }

    private static String xml(String uuid) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><cfdi:Comprobante"
                + " xmlns:cfdi=\"http://www.sat.gob.mx/cfd/4\" Folio=\"1001\""
                + " Total=\"11600.00\"><cfdi:Emisor Rfc=\"PNO980101AB1\"/><cfdi:Receptor"
                + " Rfc=\"CDA010101AAA\"/><cfdi:Complemento UUID=\""
                + uuid
                + "\"/></cfdi:Comprobante>";
    }

    @Test
    void aPendingInvoiceIsWrittenWithItsAddendaAndNotDownloadedTwice() throws Exception {
        s = SyncScenario.start(node);
        s.portal.addProvider(provider("64b7f0c2e4b0a1a2b3c4d5e6", true));
        s.portal.addCfdi(cfdi("c1", UUID, "64b7f0c2e4b0a1a2b3c4d5e6"), xml(UUID));
        s.portal.addCfdi(
                cfdi("c2", "A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D", "64b7f0c2e4b0a1a2b3c4d5e6"),
                xml("A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D"));

        CfdiDownload.Summary first = new CfdiDownload(false).run(s.step(CfdiDownload.STEP, NOW));

        assertThat(first).isEqualTo(new CfdiDownload.Summary(2, 1, 1, 0, 0, 0, 0));
        String written = Files.readString(s.downloads.resolve("c1.xml"));
        assertThat(written)
                .contains("<cfdi:Addenda>")
                .contains("<cfdi:DoctoDatosAdi AFE=\"\" OrdenCompra=\"PO0001\"/>")
                .contains("IdBase=\"COPDAT\"")
                .contains("clabe=\"072580001234567890\"")
                .contains("grupo_prov=\"NAC\"")
                .contains("<cfdi:DomicilioProv")
                .contains("Municipio=\"Monterrey\"");
        assertThat(s.portal.requests("GET", "/signed/c1.xml"))
                .singleElement()
                .satisfies(
                        r ->
                                assertThat(r.headers())
                                        .doesNotContainKeys("pdptenantkey", "pdptenantsecret"));

        CfdiDownload.Summary second = new CfdiDownload(false).run(s.step(CfdiDownload.STEP, NOW));
        assertThat(second.alreadyDownloaded()).isEqualTo(1);
        assertThat(s.portal.requests("GET", "/signed/c1.xml")).hasSize(1);
    }

    @Test
    void aCfdiOfASupplierWithoutABankAccountIsNotWritten() throws Exception {
        s = SyncScenario.start(node);
        s.portal.addProvider(provider("64b7f0c2e4b0a1a2b3c4d5e9", false));
        s.portal.addCfdi(cfdi("c3", UUID, "64b7f0c2e4b0a1a2b3c4d5e9"), xml(UUID));

        assertThat(new CfdiDownload(false).run(s.step(CfdiDownload.STEP, NOW)).noBankAccount())
                .isEqualTo(1);
        try (Stream<Path> files = Files.list(s.downloads)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aCfdiWithAnExternalEntityIsRefusedAndTheEntityIsNeverFetched() throws Exception {
        AtomicInteger hits = new AtomicInteger();
        HttpServer listener =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext(
                "/",
                x -> {
                    hits.incrementAndGet();
                    x.sendResponseHeaders(200, -1);
                    x.close();
                });
        listener.start();
        try {
            s = SyncScenario.start(node);
            s.portal.addProvider(provider("64b7f0c2e4b0a1a2b3c4d5e6", true));
            String url = "http://127.0.0.1:" + listener.getAddress().getPort();
            String evil =
                    "<?xml version=\"1.0\"?><!DOCTYPE cfdi:Comprobante ["
                            + "<!ENTITY xxe SYSTEM \""
                            + url
                            + "/xxe\">"
                            + "<!ENTITY % remote SYSTEM \""
                            + url
                            + "/dtd\"> %remote;]><cfdi:Comprobante"
                            + " xmlns:cfdi=\"http://www.sat.gob.mx/cfd/4\">&xxe;</cfdi:Comprobante>";
            s.portal.addCfdi(cfdi("c4", UUID, "64b7f0c2e4b0a1a2b3c4d5e6"), evil);

            CfdiDownload.Summary r = new CfdiDownload(false).run(s.step(CfdiDownload.STEP, NOW));

            assertThat(r.refused()).isEqualTo(1);
            assertThat(hits.get()).isZero();
            assertThat(s.downloads.resolve("c4.xml")).doesNotExist();
        } finally {
            listener.stop(0);
        }
    }

    @Test
    void suppliersAcceptedTodayAreWrittenAsTheProvidersXml() throws Exception {
        s = SyncScenario.start(node);
        s.portal.addProvider(provider("64b7f0c2e4b0a1a2b3c4d5e6", true));

        ProvidersXml.Summary r = new ProvidersXml(false).run(s.step(ProvidersXml.STEP, NOW));

        assertThat(r).isEqualTo(new ProvidersXml.Summary(1, "providers-261207-120000.xml"));
        assertThat(s.portal.requests("GET", "/providers").getFirst().query())
                .isEqualTo(
                        "statusExpedient=ACCEPTED&expedientAcceptedFrom=2026-12-07&expedientAcceptedTo=2026-12-07&status=ENABLED&pageSize=-1");
        String xml = Files.readString(s.downloads.resolve(r.file()));
        assertThat(xml)
                .contains(
                        "<Emisor IdBase=\"COPDAT\" Nombre=\"Copamex Datos SA de CV\""
                                + " RegimenFiscal=\"601\" Rfc=\"CDA010101AAA\"/>")
                .contains("FechaActualizacion=\"07-12-2026T09:15:30:250Z\"")
                .contains("MetodoPago=\"PPD\"")
                .contains("FormaPago=\"2\"")
                .contains("Terminos=\"30\"")
                .contains("Moneda=\"MXN\"")
                .contains(
                        "<CuentaBancariaProv REFDO=\"\" SWIFT=\"\" Sucursal=\"\""
                                + " account=\"0123456789\" bank=\"BANORTE\""
                                + " clabe=\"072580001234567890\"/>");
        try (Stream<Path> files = Files.list(s.downloads)) {
            assertThat(files).noneMatch(f -> f.getFileName().toString().startsWith(".writing-"));
        }
    }
}
