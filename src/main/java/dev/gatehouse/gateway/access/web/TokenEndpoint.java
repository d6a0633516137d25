package dev.gatehouse.gateway.access.web;

import dev.gatehouse.gateway.access.TokenExchange;
import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.RequestInfo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /gateway/v1/token}: {@code Authorization: Basic base64(client_id:api_password)} and
 * {@code x-api-key} for {@code {"access_token":"gwt_…","token_type":"Bearer","expires_in":…}}.
 * Every failure is the same 401 {@code unauthorized} (with {@code WWW-Authenticate: Basic}); a
 * throttled request is 429 {@code rate_limited} with {@code Retry-After}. Any request body is
 * ignored. The answer is never cached ({@code Cache-Control: no-store}).
 */
@RestController
class TokenEndpoint {

    /** The token answer, as OAuth 2.0 clients expect it. */
    record TokenResponse(String accessToken, String tokenType, long expiresIn) {
        @Override
        public String toString() {
            return "TokenResponse[redacted]";
        }
    }

    private final TokenExchange exchange;

    TokenEndpoint(TokenExchange exchange) {
        this.exchange = exchange;
    }

    @PostMapping("/gateway/v1/token")
    TokenResponse token(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        String clientIp =
                request.getAttribute(RequestInfo.ATTRIBUTE) instanceof RequestInfo info
                        ? info.clientIp()
                        : request.getRemoteAddr();
        return switch (exchange.exchange(
                request.getHeader("Authorization"), request.getHeader("x-api-key"), clientIp)) {
            case TokenExchange.Exchange.Issued issued ->
                    new TokenResponse(issued.accessToken(), "Bearer", issued.expiresInSeconds());
            case TokenExchange.Exchange.Refused r -> {
                response.setHeader("WWW-Authenticate", "Basic realm=\"gateway\"");
                throw ApiProblem.unauthorized();
            }
            case TokenExchange.Exchange.Throttled t ->
                    throw ApiProblem.rateLimited(t.retryAfterSeconds());
        };
    }
}
