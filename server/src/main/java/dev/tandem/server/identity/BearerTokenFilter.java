package dev.tandem.server.identity;

import dev.tandem.server.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} against the stored token hashes, on every
 * request (ADR 060). A refused token is 401, or 429 once its client address has had too many
 * refused ({@link FailedTokenThrottle}). The scheme name is matched case-insensitively (RFC 7235
 * §2.1, RFC 6750 §2.1); any other scheme (Basic, Negotiate, …) authenticates nothing here. A
 * request a token authenticated is marked ({@link #authenticatedByToken}): the web chain exempts
 * only those from CSRF tokens, and session-only actions refuse them.
 */
final class BearerTokenFilter extends OncePerRequestFilter {
    /** The request attribute set when a bearer token authenticated the request: that token's id. */
    static final String AUTHENTICATED = BearerTokenFilter.class.getName() + ".AUTHENTICATED";

    private final Accounts accounts;
    private final FailedTokenThrottle throttle;

    BearerTokenFilter(Accounts accounts, FailedTokenThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var bearer = accounts.bearer(header.substring(7).strip());
            if (bearer.isEmpty()) {
                Optional<Duration> wait = throttle.refused(request.getRemoteAddr());
                if (wait.isPresent()) {
                    long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                    Problems.write(
                            response,
                            HttpStatus.TOO_MANY_REQUESTS,
                            "too-many-failed-tokens",
                            "Too many refused tokens",
                            "too many requests from this address carried a token that is not valid; retry after "
                                    + seconds + " s");
                    return;
                }
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                Problems.write(
                        response,
                        HttpStatus.UNAUTHORIZED,
                        "unauthenticated",
                        "Unauthenticated",
                        "the bearer token is not valid");
                return;
            }
            var actor = bearer.map(Accounts.Bearer::actor);
            var authorities = actor.get().admin()
                    ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))
                    : List.<SimpleGrantedAuthority>of();
            var auth = UsernamePasswordAuthenticationToken.authenticated(actor.get(), null, authorities);
            // a context of its own: never the one a session cookie may have loaded, which the session keeps
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(auth);
            SecurityContextHolder.setContext(context);
            request.setAttribute(AUTHENTICATED, bearer.get().tokenId());
        }
        chain.doFilter(request, response);
    }

    /** Did a valid bearer token authenticate this request (not a session, nor another scheme)? */
    static boolean authenticatedByToken(HttpServletRequest request) {
        return tokenId(request) != null;
    }

    /** The id of the bearer token that authenticated this request; null for a session or none. */
    static @Nullable String tokenId(HttpServletRequest request) {
        return request.getAttribute(AUTHENTICATED) instanceof String id ? id : null;
    }
}
