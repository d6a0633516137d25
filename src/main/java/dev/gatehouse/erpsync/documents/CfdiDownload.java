package dev.gatehouse.erpsync.documents;

import dev.gatehouse.erpsync.flow.StepContext;
import dev.gatehouse.erpsync.portal.PortalUnavailable;
import dev.gatehouse.erpsync.sage.SageDatabase;
import dev.gatehouse.erpsync.sage.SageSql;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cycle's {@code downloadCFDI} step (SageConnect's F2): invoices pending to pay and credit
 * notes issued since the first day of last month to an RFC FESA registers, and not yet in Sage (by
 * UUID in AP, PO invoices or PO credit notes), are downloaded, given the addenda the importer reads
 * (PO number and AFE, the supplier's bank, groups, contact and address) and written for it. A CFDI
 * of a supplier without a bank account is not written. The XML is parsed with DTDs refused, so no
 * external entity is ever fetched; one that does not parse is reported and skipped. A file already
 * waiting for the importer is not downloaded again.
 */
public final class CfdiDownload {

    public static final String STEP = "downloadCFDI";

    /** The largest CFDI XML downloaded. */
    public static final int MAX_XML = 5 << 20;

    private static final Logger log = LoggerFactory.getLogger(CfdiDownload.class);
    private static final Pattern FILE = Pattern.compile("^[A-Za-z0-9._-]{1,150}\\.xml$");
    private static final Pattern UUID = Pattern.compile("^[0-9A-F-]{36}$");

    /** What the step did. */
    public record Summary(
            int listed,
            int pending,
            int written,
            int alreadyDownloaded,
            int noBankAccount,
            int refused,
            int errors) {}

    private final boolean dryRun;

    /**
     * @param dryRun whether files are only logged, never written ({@code SYNC_DRY_RUN})
     */
    public CfdiDownload(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public Summary run(StepContext ctx) {
        String from =
                LocalDate.ofInstant(ctx.now(), ctx.zone())
                        .minusMonths(1)
                        .withDayOfMonth(1)
                        .toString();
        List<JsonNode> listed = new ArrayList<>();
        listed.addAll(list(ctx, from, "INVOICE", "PENDING_TO_PAY"));
        listed.addAll(list(ctx, from, "CREDIT_NOTE", null));
        SageSql control = ctx.sql(SageDatabase.CONTROL);
        Set<String> receivers =
                new HashSet<>(
                        control.query(
                                "SELECT Valor FROM fesaParam WHERE Parametro = 'RFCReceptor'"
                                        + " AND idCia = ?",
                                (rs, n) -> rs.getString(1).strip().toUpperCase(Locale.ROOT),
                                ctx.companyDatabase()));
        List<JsonNode> ours =
                listed.stream()
                        .filter(c -> receivers.contains(receiver(c)))
                        .filter(c -> UUID.matcher(uuid(c)).matches())
                        .toList();
        Set<String> inSage = inSage(ctx.sql(SageDatabase.COMPANY), ours);
        int pending = 0;
        int written = 0;
        int already = 0;
        int noBank = 0;
        int refused = 0;
        int errors = 0;
        for (JsonNode cfdi : ours) {
            ctx.cancellation().check();
            if (inSage.contains(uuid(cfdi))) {
                continue;
            }
            pending++;
            try {
                switch (download(ctx, cfdi)) {
                    case WRITTEN -> written++;
                    case ALREADY -> already++;
                    case NO_BANK -> noBank++;
                    case REFUSED -> refused++;
                }
            } catch (PortalUnavailable | IOException e) {
                log.error(
                        "CFDI {} of {} not downloaded: {}",
                        uuid(cfdi),
                        ctx.company().publicId(),
                        e.getMessage());
                errors++;
            }
        }
        return new Summary(listed.size(), pending, written, already, noBank, refused, errors);
    }

    private enum Written {
        WRITTEN,
        ALREADY,
        NO_BANK,
        REFUSED
    }

    private Written download(StepContext ctx, JsonNode cfdi) throws IOException {
        String id = ProvidersXml.text(cfdi, "id");
        JsonNode files =
                ctx.portal().read(ctx.portal().extern("/cfdis/" + id + "/files"), Map.of());
        URI url = URI.create(files.path("xml").asString(""));
        Path target = ctx.downloads().resolve(fileName(url, uuid(cfdi)));
        if (Files.exists(target)) {
            return Written.ALREADY;
        }
        String providerId = ProvidersXml.text(cfdi.path("metadata"), "provider_id");
        JsonNode provider =
                ctx.portal().read(ctx.portal().extern("/providers/" + providerId), Map.of());
        JsonNode bank = provider.path("expedient").path("bank_accounts").path(0);
        if (bank.isMissingNode()) {
            log.error(
                    "CFDI {} of {}: supplier {} has no bank account; not written for the importer",
                    uuid(cfdi),
                    ctx.company().publicId(),
                    providerId);
            return Written.NO_BANK;
        }
        Document doc;
        try {
            doc = SafeXml.parse(ctx.portal().download(url, MAX_XML));
        } catch (SafeXml.Refused e) {
            log.error(
                    "CFDI {} of {} refused: {}",
                    uuid(cfdi),
                    ctx.company().publicId(),
                    e.getMessage());
            return Written.REFUSED;
        }
        addenda(doc, cfdi, provider, ctx.companyDatabase());
        if (dryRun) {
            log.info(
                    "[DRY-RUN] tenant={} {} not written",
                    ctx.company().publicId(),
                    target.getFileName());
            return Written.WRITTEN;
        }
        SafeXml.write(doc, target);
        return Written.WRITTEN;
    }

    /** Replaces the CFDI's {@code cfdi:Addenda} with the one the importer reads. */
    static void addenda(Document doc, JsonNode cfdi, JsonNode provider, String idBase) {
        Element root = doc.getDocumentElement();
        String ns = root.getNamespaceURI();
        String prefix = root.getPrefix() == null ? "cfdi" : root.getPrefix();
        NodeList old = root.getElementsByTagNameNS(ns, "Addenda");
        for (int i = old.getLength() - 1; i >= 0; i--) {
            old.item(i).getParentNode().removeChild(old.item(i));
        }
        Element addenda = doc.createElementNS(ns, prefix + ":Addenda");
        Element emisor = doc.createElementNS(ns, prefix + ":AddendaEmisor");
        Element data = doc.createElementNS(ns, prefix + ":DoctoDatosAdi");
        String po = info(cfdi, "oc");
        data.setAttribute("OrdenCompra", po.isEmpty() ? info(cfdi, "orden_de_compra") : po);
        data.setAttribute("AFE", info(cfdi, "afe"));
        JsonNode exp = provider.path("expedient");
        JsonNode bank = exp.path("bank_accounts").path(0);
        JsonNode contact = exp.path("contacts").path(0);
        Element p = doc.createElementNS(ns, prefix + ":Proveedor");
        Map<String, String> a = new LinkedHashMap<>();
        a.put("IdBase", idBase);
        a.put("provider_id", ProvidersXml.text(provider, "id"));
        a.put("external_id", ProvidersXml.text(provider, "external_id"));
        a.put("bank", ProvidersXml.text(bank, "bank"));
        a.put("clabe", ProvidersXml.text(bank, "clabe"));
        a.put("account", ProvidersXml.text(bank, "account"));
        a.put("grupo_prov", ProvidersXml.field(exp, "grupo_de_proveedores", ""));
        a.put("grupo_fiscal", ProvidersXml.field(exp, "grupo_de_impuestos", ""));
        a.put("contact", ProvidersXml.text(contact, "name"));
        a.put("contact_email", ProvidersXml.text(contact, "email"));
        a.put("contact_phone", ProvidersXml.text(contact, "phone"));
        a.put(
                "Terminos",
                provider.path("credit_days").isMissingNode()
                        ? "0"
                        : provider.path("credit_days").asString("0"));
        a.put("CuentaContable", ProvidersXml.field(exp, "cuenta_de_gastos", ""));
        a.put("TipoProveedor", ProvidersXml.text(provider, "type"));
        a.forEach(p::setAttribute);
        Element address = ProvidersXml.address(doc, "DomicilioProv", exp.path("addresses").path(0));
        Element namespaced = doc.createElementNS(ns, prefix + ":DomicilioProv");
        for (int i = 0; i < address.getAttributes().getLength(); i++) {
            var attr = address.getAttributes().item(i);
            namespaced.setAttribute(attr.getNodeName(), attr.getNodeValue());
        }
        p.appendChild(namespaced);
        emisor.appendChild(data);
        emisor.appendChild(p);
        addenda.appendChild(emisor);
        root.appendChild(addenda);
    }

    private static List<JsonNode> list(
            StepContext ctx, String from, String type, @Nullable String stage) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("from", from);
        q.put("documentTypes", "CFDI");
        q.put("cfdiType", type);
        if (stage != null) {
            q.put("stage", stage);
        }
        return ctx.portal().readAll(ctx.portal().extern("/cfdis"), q, CfdiDownload::uuid);
    }

    /** The UUIDs among {@code cfdis} already in Sage: AP invoices, PO invoices, PO credit notes. */
    private static Set<String> inSage(SageSql company, List<JsonNode> cfdis) {
        List<String> uuids = cfdis.stream().map(CfdiDownload::uuid).distinct().toList();
        Set<String> found = new HashSet<>();
        for (int i = 0; i < uuids.size(); i += 200) {
            List<String> block = uuids.subList(i, Math.min(uuids.size(), i + 200));
            String marks = String.join(", ", Collections.nCopies(block.size(), "?"));
            Object[] params = block.toArray();
            found.addAll(
                    company.query(
                            "SELECT UPPER(RTRIM(F.[VALUE])) FROM APIBH H JOIN APIBHO F ON F.CNTBTCH"
                                + " = H.CNTBTCH AND F.CNTITEM = H.CNTITEM AND F.OPTFIELD ="
                                + " 'FOLIOCFD' WHERE H.ERRENTRY = 0 AND UPPER(RTRIM(F.[VALUE])) IN"
                                + " ("
                                    + marks
                                    + ")",
                            (rs, n) -> rs.getString(1),
                            params));
            found.addAll(
                    company.query(
                            "SELECT UPPER(RTRIM([VALUE])) FROM POINVHO WHERE OPTFIELD = 'FOLIOCFD'"
                                    + " AND UPPER(RTRIM([VALUE])) IN ("
                                    + marks
                                    + ")",
                            (rs, n) -> rs.getString(1),
                            params));
            found.addAll(
                    company.query(
                            "SELECT UPPER(RTRIM([VALUE])) FROM POCRNHO WHERE OPTFIELD = 'FOLIOCFD'"
                                    + " AND UPPER(RTRIM([VALUE])) IN ("
                                    + marks
                                    + ")",
                            (rs, n) -> rs.getString(1),
                            params));
        }
        return found;
    }

    static String uuid(JsonNode cfdi) {
        String u = ProvidersXml.text(cfdi, "uuid");
        if (u.isEmpty()) {
            u = ProvidersXml.text(cfdi.path("cfdi").path("timbre"), "uuid");
        }
        return u.toUpperCase(Locale.ROOT);
    }

    private static String receiver(JsonNode cfdi) {
        return ProvidersXml.text(cfdi.path("receiver"), "rfc").toUpperCase(Locale.ROOT);
    }

    /** An {@code additional_info} value by its field's external id, ignoring case. */
    private static String info(JsonNode cfdi, String field) {
        for (JsonNode i : cfdi.path("metadata").path("additional_info")) {
            if (i.path("field").path("external_id").asString("").equalsIgnoreCase(field)) {
                return i.path("value").path("raw").asString("");
            }
        }
        return "";
    }

    /** The signed URL's file name when it is a plain {@code .xml} name, else the UUID's. */
    static String fileName(URI url, String uuid) {
        String path = url.getPath() == null ? "" : url.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return FILE.matcher(name).matches() && !name.startsWith(".") ? name : uuid + ".xml";
    }
}
