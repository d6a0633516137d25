package dev.gatehouse.domains.widget;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.gatehouse.domains.widget.WidgetVerification.Reason;
import dev.gatehouse.kernel.ids.PublicIds;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Issues and checks widget tokens: compact JWS, HS256 only, under {@code TOKEN_HMAC_SECRET}. Pure
 * (no Spring, no database) and thread-safe.
 *
 * <p>Design: verification trusts nothing in a token before its signature is checked with our one
 * key, and the header decides nothing. The raw header is read first and must be exactly {@code
 * {"alg":"HS256"}} plus an optional {@code "typ":"JWT"}: {@code none}, every other algorithm
 * (HS384/HS512 under the same secret, RS256 key confusion) and any key-selecting parameter ({@code
 * kid}, {@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) or {@code crit} are refused before any
 * cryptography. The MAC is compared in constant time (Nimbus {@link MACVerifier}). Only then are
 * the claims read, and they are a closed set: an unknown claim (a {@code tenant}, say) is a
 * refusal, not something ignored. Times allow {@link #CLOCK_SKEW} either way.
 */
public final class WidgetTokens {

    public static final String ISSUER = "gatehouse";
    public static final String AUDIENCE = "gatehouse-widget";
    public static final String SCOPE = "connections:write";
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(900);
    public static final Duration MIN_TTL = Duration.ofSeconds(60);
    public static final Duration MAX_TTL = Duration.ofSeconds(3600);
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** Longest token looked at; ours are well under 1 KiB. */
    static final int MAX_TOKEN_LENGTH = 4096;

    static final int MAX_HOSTNAME = 253;
    static final int MAX_END_USER_REF = 128;
    private static final Set<String> HEADER_PARAMS = Set.of("alg", "typ");
    private static final Set<String> CLAIMS =
            Set.of(
                    "iss",
                    "aud",
                    "sub",
                    "scope",
                    "jti",
                    "iat",
                    "exp",
                    "nbf",
                    "hostname",
                    "end_user_ref");

    private final byte[] secret;
    private final Clock clock;
    private final PublicIds ids;

    /**
     * @param secret the HMAC key, at least 32 bytes (copied)
     * @throws IllegalArgumentException when the secret is shorter than 32 bytes
     */
    public WidgetTokens(byte[] secret, Clock clock, PublicIds ids) {
        if (secret.length < 32) {
            throw new IllegalArgumentException(
                    "the widget token secret must be at least 32 bytes, was " + secret.length);
        }
        this.secret = secret.clone();
        this.clock = clock;
        this.ids = ids;
    }

    /** What a token grants: one application, optionally one hostname, for {@code ttl}. */
    public record Grant(
            String applicationId,
            Duration ttl,
            @Nullable String hostname,
            @Nullable String endUserRef) {

        public Grant {
            ttlProblem(ttl.toSeconds())
                    .ifPresent(
                            p -> {
                                throw new IllegalArgumentException(p);
                            });
        }
    }

    /** A freshly signed token; {@link #toString()} never prints it. */
    public record Issued(String token, WidgetToken claims) {

        @Override
        public String toString() {
            return "Issued[token=redacted, id="
                    + claims.id()
                    + ", expiresAt="
                    + claims.expiresAt()
                    + "]";
        }
    }

    /**
     * The message for a TTL out of bounds, e.g. {@code ttl_seconds must be between 60 and 3600, was
     * 0}.
     */
    public static Optional<String> ttlProblem(long seconds) {
        if (seconds < MIN_TTL.toSeconds() || seconds > MAX_TTL.toSeconds()) {
            return Optional.of(
                    "ttl_seconds must be between "
                            + MIN_TTL.toSeconds()
                            + " and "
                            + MAX_TTL.toSeconds()
                            + ", was "
                            + seconds);
        }
        return Optional.empty();
    }

    public Issued issue(Grant grant) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        WidgetToken claims =
                new WidgetToken(
                        grant.applicationId(),
                        ids.next("tok"),
                        grant.hostname(),
                        grant.endUserRef(),
                        now,
                        now.plus(grant.ttl()));
        JWTClaimsSet.Builder set =
                new JWTClaimsSet.Builder()
                        .issuer(ISSUER)
                        .audience(AUDIENCE)
                        .subject(claims.applicationId())
                        .claim("scope", SCOPE)
                        .jwtID(claims.id())
                        .issueTime(Date.from(claims.issuedAt()))
                        .expirationTime(Date.from(claims.expiresAt()));
        if (claims.hostname() != null) {
            set.claim("hostname", claims.hostname());
        }
        if (claims.endUserRef() != null) {
            set.claim("end_user_ref", claims.endUserRef());
        }
        SignedJWT jwt =
                new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                        set.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a widget token", e);
        }
        return new Issued(jwt.serialize(), claims);
    }

    /** Checks {@code token}: header, signature, then claims. Never throws for bad input. */
    public WidgetVerification verify(String token) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            return refused(Reason.MALFORMED);
        }
        Reason header = checkHeader(token);
        if (header != null) {
            return refused(header);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            if (!jwt.verify(new MACVerifier(secret))) {
                return refused(Reason.SIGNATURE);
            }
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return refused(Reason.MALFORMED);
        } catch (JOSEException e) {
            return refused(Reason.SIGNATURE);
        }
        try {
            return checkClaims(claims);
        } catch (ParseException | ClassCastException e) {
            return refused(Reason.CLAIMS);
        }
    }

    /** The raw header must be {@code alg: HS256} and at most {@code typ: JWT}; null when it is. */
    private static @Nullable Reason checkHeader(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Reason.MALFORMED;
        }
        Map<String, Object> header;
        try {
            String json =
                    new String(
                            Base64.getUrlDecoder().decode(token.substring(0, dot)),
                            StandardCharsets.UTF_8);
            header = JSONObjectUtils.parse(json);
        } catch (IllegalArgumentException | ParseException e) {
            return Reason.MALFORMED;
        }
        if (!"HS256".equals(header.get("alg"))) {
            return Reason.ALGORITHM;
        }
        if (!HEADER_PARAMS.containsAll(header.keySet())) {
            return Reason.HEADER;
        }
        Object typ = header.get("typ");
        return typ == null || "JWT".equals(typ) ? null : Reason.HEADER;
    }

    private WidgetVerification checkClaims(JWTClaimsSet c) throws ParseException {
        if (!CLAIMS.containsAll(c.getClaims().keySet())) {
            return refused(Reason.CLAIMS);
        }
        if (!ISSUER.equals(c.getStringClaim("iss"))) {
            return refused(Reason.ISSUER);
        }
        if (!List.of(AUDIENCE).equals(c.getAudience())) {
            return refused(Reason.AUDIENCE);
        }
        Date exp = c.getExpirationTime();
        Date iat = c.getIssueTime();
        if (exp == null || iat == null) {
            return refused(Reason.CLAIMS);
        }
        Instant now = clock.instant();
        Instant expiresAt = exp.toInstant();
        Instant issuedAt = iat.toInstant();
        if (!expiresAt.plus(CLOCK_SKEW).isAfter(now)) {
            return refused(Reason.EXPIRED);
        }
        Date nbf = c.getNotBeforeTime();
        if (issuedAt.isAfter(now.plus(CLOCK_SKEW))
                || (nbf != null && nbf.toInstant().isAfter(now.plus(CLOCK_SKEW)))) {
            return refused(Reason.NOT_YET_VALID);
        }
        if (!expiresAt.isAfter(issuedAt)
                || Duration.between(issuedAt, expiresAt).compareTo(MAX_TTL) > 0) {
            return refused(Reason.CLAIMS);
        }
        String sub = c.getSubject();
        String jti = c.getJWTID();
        String hostname = c.getStringClaim("hostname");
        String endUserRef = c.getStringClaim("end_user_ref");
        if (!SCOPE.equals(c.getStringClaim("scope"))
                || sub == null
                || !PublicIds.looksLike("app", sub)
                || jti == null
                || !PublicIds.looksLike("tok", jti)
                || (hostname != null && (hostname.isEmpty() || hostname.length() > MAX_HOSTNAME))
                || (endUserRef != null && endUserRef.length() > MAX_END_USER_REF)) {
            return refused(Reason.CLAIMS);
        }
        return new WidgetVerification.Valid(
                new WidgetToken(sub, jti, hostname, endUserRef, issuedAt, expiresAt));
    }

    private static WidgetVerification refused(Reason reason) {
        return new WidgetVerification.Refused(reason);
    }
}
