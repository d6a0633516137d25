package dev.gatehouse.erpsync.documents;

import dev.gatehouse.erpsync.company.CompanyConfig;
import dev.gatehouse.erpsync.flow.StepContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The cycle's {@code buildProviders} step (SageConnect's F1): the suppliers whose expedient the
 * portal accepted today (in the company's zone) written as {@code providers-yyMMdd-HHmmss.xml} for
 * the importer, attribute by attribute as SageConnect wrote it. A portal error fails the step
 * rather than writing nothing silently.
 */
public final class ProvidersXml {

    public static final String STEP = "buildProviders";

    private static final Logger log = LoggerFactory.getLogger(ProvidersXml.class);
    private static final DateTimeFormatter FILE =
            DateTimeFormatter.ofPattern("yyMMdd-HHmmss", Locale.ROOT);
    private static final DateTimeFormatter UPDATED =
            DateTimeFormatter.ofPattern("dd-MM-yyyy'T'HH:mm:ss:SSS'Z'", Locale.ROOT);

    /** What the step did. */
    public record Summary(int providers, String file) {}

    private final boolean dryRun;

    /**
     * @param dryRun whether the file is only logged, never written ({@code SYNC_DRY_RUN})
     */
    public ProvidersXml(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public Summary run(StepContext ctx) {
        LocalDateTime now = LocalDateTime.ofInstant(ctx.now(), ctx.zone());
        String today = now.toLocalDate().toString();
        Map<String, String> q = new LinkedHashMap<>();
        q.put("statusExpedient", "ACCEPTED");
        q.put("expedientAcceptedFrom", today);
        q.put("expedientAcceptedTo", today);
        q.put("status", "ENABLED");
        q.put("pageSize", "-1");
        JsonNode providers = ctx.portal().read(ctx.portal().extern("/providers"), q).path("items");
        if (providers.isEmpty()) {
            return new Summary(0, "");
        }
        Document doc = document(ctx.company().config(), providers);
        String name = "providers-" + FILE.format(now) + ".xml";
        if (dryRun) {
            log.info(
                    "[DRY-RUN] tenant={} {} not written ({} providers)",
                    ctx.company().publicId(),
                    name,
                    providers.size());
            return new Summary(providers.size(), name);
        }
        try {
            SafeXml.write(doc, ctx.downloads().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("the providers XML could not be written", e);
        }
        log.info("{} providers written to {}", providers.size(), name);
        return new Summary(providers.size(), name);
    }

    static Document document(CompanyConfig config, JsonNode providers) {
        Document doc = SafeXml.empty();
        Element root = doc.createElement("Proveedores");
        doc.appendChild(root);
        Element issuer = doc.createElement("Emisor");
        issuer.setAttribute("Rfc", config.issuer().rfc());
        issuer.setAttribute("Nombre", config.issuer().name());
        issuer.setAttribute("RegimenFiscal", config.issuer().regime());
        issuer.setAttribute("IdBase", config.databases().company());
        root.appendChild(issuer);
        for (JsonNode p : providers) {
            root.appendChild(provider(doc, config, p));
        }
        return doc;
    }

    private static Element provider(Document doc, CompanyConfig config, JsonNode p) {
        JsonNode exp = p.path("expedient");
        JsonNode bank = exp.path("bank_accounts").path(0);
        Element e = doc.createElement("Proveedor");
        e.setAttribute("external_id", text(p, "external_id"));
        e.setAttribute("Nombre", text(p, "name"));
        e.setAttribute("Rfc", text(p, "rfc"));
        e.setAttribute("TipoProveedor", text(p, "type"));
        e.setAttribute("grupo_prov", field(exp, "grupo_de_proveedores", ""));
        e.setAttribute("RegimenFiscalReceptor", config.issuer().regime());
        e.setAttribute("MetodoPago", field(exp, "metodopago", "PPD"));
        e.setAttribute("FormaPago", field(exp, "formapago", "2"));
        e.setAttribute("provider_id", text(p, "id"));
        e.setAttribute("grupo_fiscal", field(exp, "grupo_de_impuestos", ""));
        e.setAttribute(
                "Terminos",
                p.path("credit_days").isMissingNode() ? "0" : p.path("credit_days").asString("0"));
        e.setAttribute("CuentaContable", field(exp, "cuenta_de_gastos", ""));
        String currency = text(bank, "currency");
        e.setAttribute("Moneda", currency.isEmpty() ? "MXN" : currency);
        e.setAttribute("NumRegIdTrib", text(p, "tax_id"));
        e.setAttribute("FechaActualizacion", updated(text(exp, "approved")));
        e.appendChild(address(doc, "DomicilioProv", exp.path("addresses").path(0)));
        e.appendChild(contact(doc, "Contacto1Prov", exp.path("contacts").path(0)));
        e.appendChild(contact(doc, "Contacto2Prov", exp.path("contacts").path(1)));
        Element account = doc.createElement("CuentaBancariaProv");
        account.setAttribute("bank", text(bank, "bank"));
        account.setAttribute("clabe", text(bank, "clabe"));
        account.setAttribute("account", text(bank, "account"));
        account.setAttribute("Sucursal", text(bank, "branch"));
        account.setAttribute("SWIFT", text(bank, "swift"));
        account.setAttribute("REFDO", text(bank, "reference"));
        e.appendChild(account);
        return e;
    }

    /** The supplier's address as the importer's {@code DomicilioProv} attributes. */
    static Element address(Document doc, String name, JsonNode a) {
        Element e = doc.createElement(name);
        e.setAttribute("Calle", text(a, "street"));
        e.setAttribute("NumeroExterior", text(a, "exterior_number"));
        e.setAttribute("NumeroInterior", text(a, "interior_number"));
        e.setAttribute("Colonia", text(a, "suburb"));
        e.setAttribute("Localidad", text(a, "locality"));
        e.setAttribute("Municipio", text(a, "city"));
        e.setAttribute("Estado", text(a, "state"));
        e.setAttribute("Pais", text(a, "country"));
        e.setAttribute("CodigoPostal", text(a, "zip"));
        return e;
    }

    private static Element contact(Document doc, String name, JsonNode c) {
        Element e = doc.createElement(name);
        e.setAttribute("contact", text(c, "name"));
        e.setAttribute("contact_email", text(c, "email"));
        e.setAttribute("contact_tel", text(c, "phone"));
        return e;
    }

    /** A custom expedient field's value by its external id, ignoring case. */
    static String field(JsonNode expedient, String externalId, String fallback) {
        for (JsonNode f : expedient.path("fields")) {
            if (f.path("field_external_id").asString("").equalsIgnoreCase(externalId)) {
                String v = f.path("value_external_id").asString("");
                return v.isEmpty() ? fallback : v;
            }
        }
        return fallback;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "" : v.asString("");
    }

    private static String updated(String approved) {
        if (approved.isEmpty()) {
            return "";
        }
        try {
            return UPDATED.format(OffsetDateTime.parse(approved).toLocalDateTime());
        } catch (DateTimeParseException e) {
            try {
                return UPDATED.format(LocalDate.parse(approved).atStartOfDay());
            } catch (DateTimeParseException again) {
                return "";
            }
        }
    }
}
