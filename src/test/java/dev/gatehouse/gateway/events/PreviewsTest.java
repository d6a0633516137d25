package dev.gatehouse.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

class PreviewsTest {

    private static final String PLANTED = "S3cr3t-Planted-Value-91f2";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password",
                "PassWord",
                "new_password",
                "client_secret",
                "token",
                "access_token",
                "refresh-token",
                "api_key",
                "API-KEY",
                "apikey",
                "x-api-key",
                "key",
                "auth",
                "Authorization",
                "signature",
                "sig",
                "X-Amz-Signature",
                "session",
                "sessionId",
                "private_key",
                "credentials",
                "pwd",
                "otp",
                "jwt",
                "bearer"
            })
    void secretNames(String name) {
        assertThat(SecretNames.isSecret(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"author", "keyword", "monkey", "code", "CardCode", "id", "q", "page"})
    void ordinaryNames(String name) {
        assertThat(SecretNames.isSecret(name)).as(name).isFalse();
    }

    @Test
    void queryValuesUnderSecretNamesAreMaskedAndTheRestKept() {
        String q =
                "customer=C%2001&API_KEY="
                        + PLANTED
                        + "&access%5Ftoken="
                        + PLANTED
                        + "&sig="
                        + PLANTED
                        + "&flag&page=2";
        assertThat(Previews.query(q))
                .doesNotContain(PLANTED)
                .isEqualTo(
                        "customer=C%2001&API_KEY=[redacted]&access%5Ftoken=[redacted]"
                                + "&sig=[redacted]&flag&page=2");
        assertThat(Previews.query(null)).isNull();
        assertThat(Previews.query("")).isNull();
    }

    @Test
    void secretNamedJsonFieldsAreMaskedAtAnyDepthWhateverTheirValue() {
        String body =
                """
                {"user": "ana", "Password": "%s", "nested": {"apiKey": {"v": "%s"},
                 "list": [{"access_token": "%s"}, {"keep": 1}]}, "Signature": 12345,
                 "session": ["%s"], "CardCode": "C001"}
                """
                        .formatted(PLANTED, PLANTED, PLANTED, PLANTED);
        String preview =
                Previews.body(utf8(body), body.length(), "application/json; charset=utf-8");
        assertThat(preview)
                .doesNotContain(PLANTED)
                .doesNotContain("12345")
                .contains("\"user\":\"ana\"")
                .contains("\"Password\":\"[redacted]\"")
                .contains("\"apiKey\":\"[redacted]\"")
                .contains("\"keep\":1")
                .contains("\"CardCode\":\"C001\"")
                .doesNotContain(Previews.TRUNCATED);
    }

    @Test
    void jsonCutInsideASecretNeverLeaksItsFirstPart() {
        String body = "{\"a\": 1, \"password\": \"" + PLANTED + "\"}";
        for (int cut = 1; cut < body.length(); cut++) {
            byte[] captured = utf8(body.substring(0, cut));
            String preview = Previews.body(captured, body.length(), "application/json");
            assertThat(preview).as("cut at " + cut).doesNotContain("S3cr3t");
        }
    }

    @Test
    void textAndXmlCutInsideASecretNeverLeakItsFirstPart() {
        for (String body :
                new String[] {
                    "user=ana&password=" + PLANTED + "&x=1",
                    "<Login><UserName>ana</UserName><Password>" + PLANTED + "</Password></Login>",
                    "name: ana\nsecret: \"" + PLANTED + "\"\n",
                    "{broken json, \"token\": \"" + PLANTED + "\"}"
                }) {
            for (int cut = 1; cut < body.length(); cut++) {
                String type = body.startsWith("<") ? "application/xml" : "text/plain";
                String preview = Previews.body(utf8(body.substring(0, cut)), body.length(), type);
                assertThat(preview).as(body + " cut at " + cut).doesNotContain("S3cr3t");
            }
        }
    }

    @Test
    void jsonWithoutAContentTypeIsRecognised() {
        String body = "  [{\"token\": \"" + PLANTED + "\"}]";
        assertThat(Previews.body(utf8(body), body.length(), null))
                .isEqualTo("[{\"token\":\"[redacted]\"}]");
    }

    @Test
    void aLongBodyIsCutToTwoKibibytesWithTheMarker() {
        String body = "{\"items\": [" + "\"x\",".repeat(5_000) + "\"y\"]}";
        String preview = Previews.body(utf8(body), body.length(), "application/json");
        assertThat(preview).endsWith(Previews.TRUNCATED);
        assertThat(utf8(preview).length).isLessThanOrEqualTo(Previews.PREVIEW_BYTES);
    }

    @Test
    void formBodiesAreRedactedLikeQueries() {
        String body = "username=ana&password=" + PLANTED + "&remember=1";
        assertThat(Previews.body(utf8(body), body.length(), "application/x-www-form-urlencoded"))
                .isEqualTo("username=ana&password=[redacted]&remember=1");
    }

    @Test
    void textAndXmlBodiesHaveSecretNamedValuesMasked() {
        String xml =
                "<Login><CompanyDB>SBO</CompanyDB><Password>"
                        + PLANTED
                        + "</Password><ns:api_key a=\"1\">"
                        + PLANTED
                        + "</ns:api_key></Login>";
        assertThat(Previews.body(utf8(xml), xml.length(), "application/xml"))
                .doesNotContain(PLANTED)
                .contains("<CompanyDB>SBO</CompanyDB>")
                .contains("<Password>[redacted]</Password>");
        String text = "user: ana\ntoken = " + PLANTED + "\nsecret:\"" + PLANTED + "\"";
        assertThat(Previews.body(utf8(text), text.length(), "text/plain"))
                .doesNotContain(PLANTED)
                .contains("user: ana");
    }

    @Test
    void binaryBodiesAreSummarised() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d};
        assertThat(Previews.body(png, 4096, "image/png"))
                .isEqualTo("[binary: 4096 bytes, image/png]");
        assertThat(Previews.body(new byte[0], 0, "text/plain")).isNull();
    }

    @Test
    void aCapturedPrefixIsMarkedTruncated() {
        String text = "hello world";
        assertThat(Previews.body(utf8(text), 50_000, "text/plain"))
                .isEqualTo("hello world" + Previews.TRUNCATED);
        assertThat(Previews.body(utf8(text), text.length(), "text/plain")).isEqualTo("hello world");
    }
}
