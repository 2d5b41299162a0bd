package dev.tandem.server.identity;

import dev.tandem.server.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <token>} against the stored token hashes. */
final class BearerTokenFilter extends OncePerRequestFilter {
    private final Accounts accounts;

    BearerTokenFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            var actor = accounts.byToken(header.substring(7).strip());
            if (actor.isEmpty()) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
                Problems.write(
                        response,
                        HttpStatus.UNAUTHORIZED,
                        "unauthenticated",
                        "Unauthenticated",
                        "the bearer token is not valid");
                return;
            }
            var authorities = actor.get().admin()
                    ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))
                    : List.<SimpleGrantedAuthority>of();
            var auth = UsernamePasswordAuthenticationToken.authenticated(actor.get(), null, authorities);
            SecurityContextHolder.getContext().setAuthentication(auth);
        }
        chain.doFilter(request, response);
    }
}
