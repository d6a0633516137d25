package dev.gatehouse.dist;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

/**
 * {@code dist/windows/gatehouse.xml} cannot be installed here (no Windows, no WinSW), so this
 * checks it as far as this machine allows: valid against {@code winsw-config.xsd} (the WinSW 2.12
 * elements and values, stricter than WinSW; see the schema's header for why it is ours), with the
 * restart and stop policy of the systemd unit, read with WinSW's own duration rules.
 */
class WinswConfigTest {

    private static final Path XML = Path.of("dist", "windows", "gatehouse.xml");
    private static final Path XSD = Path.of("dist", "windows", "winsw-config.xsd");

    private static List<String> schemaErrors(String xml) throws SAXException, IOException {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Validator validator = factory.newSchema(XSD.toFile()).newValidator();
        List<String> errors = new ArrayList<>();
        validator.setErrorHandler(
                new ErrorHandler() {
                    @Override
                    public void warning(SAXParseException e) {
                        errors.add("warning at line " + e.getLineNumber() + ": " + e.getMessage());
                    }

                    @Override
                    public void error(SAXParseException e) {
                        errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
                    }

                    @Override
                    public void fatalError(SAXParseException e) {
                        errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
                    }
                });
        validator.validate(new StreamSource(new StringReader(xml)));
        return errors;
    }

    private static String shipped() throws IOException {
        return Files.readString(XML, StandardCharsets.UTF_8);
    }

    private static Element service() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document document = factory.newDocumentBuilder().parse(XML.toFile());
        return document.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        var nodes = parent.getElementsByTagName(name);
        return IntStream.range(0, nodes.getLength())
                .mapToObj(i -> (Element) nodes.item(i))
                .toList();
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<%s>", name).hasSize(1);
        return found.getFirst().getTextContent().strip();
    }

    private static final Pattern WINSW_SPAN =
            Pattern.compile("(\\d+)\\s*(ms|secs|sec|mins|min|hrs|hr|hours|hour|days|day)?");

    /**
     * A duration as WinSW 2.12 reads it (ConfigHelper.ParseTimeSpan): no unit means milliseconds.
     */
    static Duration winswSpan(String value) {
        Matcher m = WINSW_SPAN.matcher(value.strip());
        assertThat(m.matches()).as("a WinSW duration: " + value).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "ms" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "sec", "secs" -> Duration.ofSeconds(n);
            case "min", "mins" -> Duration.ofMinutes(n);
            case "hr", "hrs", "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    @Test
    void theServiceXmlIsValidAgainstTheSchema() throws Exception {
        assertThat(schemaErrors(shipped())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    a misspelt element WinSW would ignore | <stoptimeout>30 sec</stoptimeout> | <stoptimout>30 sec</stoptimout>
                    a duration without a unit (ms)      | <stoptimeout>30 sec</stoptimeout> | <stoptimeout>30</stoptimeout>
                    an unknown failure action           | action="none"                     | action="stop"
                    an unknown log mode                 | mode="roll-by-size"               | mode="rotate"
                    an environment entry without value  | value="production"                | valeu="production"
                    a second stop timeout               | <stoptimeout>30 sec</stoptimeout> | <stoptimeout>30 sec</stoptimeout><stoptimeout>1 min</stoptimeout>
                    no executable                       | <executable>%JAVA_HOME%\\bin\\java.exe</executable> | ''
                    """)
    void theSchemaRefuses(String what, String from, String to) throws Exception {
        String original = shipped();
        assertThat(original).contains(from);
        String broken = original.replace(from, to);

        assertThat(schemaErrors(broken)).as(what).isNotEmpty();
    }

    @Test
    void aFailureRestartsItAfterTenSecondsFiveTimesThenItStaysStopped() throws Exception {
        List<Element> actions = children(service(), "onfailure");

        assertThat(actions).hasSize(6);
        for (Element restart : actions.subList(0, 5)) {
            assertThat(restart.getAttribute("action")).isEqualTo("restart");
            assertThat(winswSpan(restart.getAttribute("delay"))).hasSeconds(10);
        }
        // Windows repeats the last action for every later failure.
        assertThat(actions.getLast().getAttribute("action")).isEqualTo("none");
        assertThat(winswSpan(text(service(), "resetfailure"))).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aStopIsCtrlCToJavaFirstAndThirtySecondsOfGrace() throws Exception {
        assertThat(winswSpan(text(service(), "stoptimeout"))).hasSeconds(30);
        assertThat(text(service(), "stopparentprocessfirst")).isEqualTo("true");
    }

    @Test
    void itRunsTheJarOnJdk25InProductionWithBoundedLogs() throws Exception {
        Element service = service();
        Map<String, String> env = new java.util.HashMap<>();
        children(service, "env")
                .forEach(e -> env.put(e.getAttribute("name"), e.getAttribute("value")));
        Element log = children(service, "log").getFirst();

        assertThat(text(service, "id")).isEqualTo("gatehouse");
        assertThat(text(service, "executable")).isEqualTo("%JAVA_HOME%\\bin\\java.exe");
        assertThat(text(service, "arguments")).endsWith("-jar \"%BASE%\\gatehouse.jar\" serve");
        assertThat(text(service, "workingdirectory")).isEqualTo("%BASE%");
        assertThat(env)
                .containsEntry("GATEHOUSE_ENV", "production")
                .containsEntry("GATEHOUSE_DATA_DIR", "%BASE%\\data")
                .containsEntry("LOG_PATH", "%BASE%\\logs");
        assertThat(log.getAttribute("mode")).isEqualTo("roll-by-size");
        assertThat(text(log, "keepFiles")).isEqualTo("8");
        assertThat(text(service, "user")).isEqualTo("LocalService");
    }

    @Test
    void bothServiceDefinitionsHaveOnePolicyAndTheSameJvmOptions() throws Exception {
        Element service = service();
        UnitFile unit = UnitFile.read(UnitFile.SERVICE);
        List<Element> actions = children(service, "onfailure");
        long restarts =
                actions.stream().filter(a -> a.getAttribute("action").equals("restart")).count();

        assertThat(restarts).isEqualTo(Long.parseLong(unit.value("Unit", "StartLimitBurst")));
        assertThat(winswSpan(actions.getFirst().getAttribute("delay")))
                .isEqualTo(UnitFile.span(unit.value("Service", "RestartSec")));
        assertThat(winswSpan(text(service, "resetfailure")))
                .isEqualTo(UnitFile.span(unit.value("Unit", "StartLimitIntervalSec")));
        assertThat(winswSpan(text(service, "stoptimeout")))
                .isEqualTo(UnitFile.span(unit.value("Service", "TimeoutStopSec")));
        String jvmOptions = text(service, "arguments").replaceFirst(" -jar .*", "");
        assertThat(unit.value("Service", "ExecStart")).contains(" " + jvmOptions + " ");
    }
}
