package dev.gatehouse.domains.widget;

import io.swagger.v3.oas.annotations.Hidden;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /widget/v1/connect.js}: the embeddable script, public and cacheable for five minutes,
 * readable from any origin (it holds no secret). Read once at start; answers 304 to a matching
 * {@code If-None-Match}.
 */
@RestController
@Hidden
class ConnectScriptController {

    static final String RESOURCE = "widget/connect.js";
    static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=utf-8");
    static final String CACHE_CONTROL = "public, max-age=300";

    private final byte[] script;
    private final String etag;

    ConnectScriptController() {
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            this.script = in.readAllBytes();
            this.etag =
                    "\""
                            + HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(script),
                                            0,
                                            16)
                            + "\"";
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the widget script " + RESOURCE + " is missing from the build", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @GetMapping(WidgetFilter.SCRIPT)
    ResponseEntity<byte[]> script(
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                    @Nullable String ifNoneMatch) {
        ResponseEntity.BodyBuilder answer =
                etag.equals(ifNoneMatch)
                        ? ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                        : ResponseEntity.ok();
        answer.header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header("Cross-Origin-Resource-Policy", "cross-origin");
        return etag.equals(ifNoneMatch)
                ? answer.build()
                : answer.contentType(JAVASCRIPT).body(script);
    }
}
