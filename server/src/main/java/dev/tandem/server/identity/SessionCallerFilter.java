package dev.tandem.server.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a signed-in session (form or single sign-on) into the request's {@link Actor}, reading the
 * account on every request: a user disabled since signing in has the session ended and is sent to
 * the sign-in page, and a change of the administrator flag applies at the next click. The request's
 * actor is not saved into the session; the session keeps only who signed in.
 */
final class SessionCallerFilter extends OncePerRequestFilter {
    /** The authority {@link SignOnUsers} gives a user whose identity provider says they administer Tandem. */
    static final String PROVIDER_ADMIN = "TANDEM_PROVIDER_ADMIN";

    private final Accounts accounts;

    SessionCallerFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null
                || !auth.isAuthenticated()
                || auth instanceof AnonymousAuthenticationToken
                || auth.getPrincipal() instanceof Actor) {
            chain.doFilter(request, response); // anonymous, or a bearer token already resolved
            return;
        }
        Optional<Actor> account = accounts.active(auth.getName());
        if (account.isEmpty()) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", "/login?disabled");
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                response.sendRedirect(request.getContextPath() + "/login?disabled");
            }
            return;
        }
        boolean providerAdmin = auth.getAuthorities().stream().anyMatch(a -> PROVIDER_ADMIN.equals(a.getAuthority()));
        Actor actor = new Actor(account.get().username(), account.get().admin() || providerAdmin);
        var authorities =
                actor.admin() ? List.of(new SimpleGrantedAuthority("ROLE_ADMIN")) : List.<SimpleGrantedAuthority>of();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(actor, null, authorities));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
