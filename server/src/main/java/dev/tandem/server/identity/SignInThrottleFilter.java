package dev.tandem.server.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The form sign-in's side of {@link FailedSignInThrottle}: a {@code POST /login} whose username or
 * address is locked out is sent back to the sign-in page ({@code /login?throttled=<seconds>})
 * before {@link AuthenticationManager} checks its password; a failure is counted by
 * {@link #failure}, a success forgets the username's failures ({@link #success}).
 */
final class SignInThrottleFilter extends OncePerRequestFilter {
    static final String LOGIN = "/login";

    private final FailedSignInThrottle throttle;

    SignInThrottleFilter(FailedSignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && LOGIN.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = username(request);
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.begin(username, address);
        if (wait.isPresent()) {
            throttled(request, response, wait.get());
            return;
        }
        // the sign-in counts as being checked until a handler below settles it
        request.setAttribute(SETTLED, Boolean.FALSE);
        try {
            chain.doFilter(request, response);
        } finally {
            if (Boolean.FALSE.equals(request.getAttribute(SETTLED))) {
                throttle.abandoned(username, address);
            }
        }
    }

    /** Request attribute: false while a begun sign-in is neither failed nor succeeded. */
    private static final String SETTLED = SignInThrottleFilter.class.getName() + ".settled";

    /** Counts the failure; back to the sign-in page with the error, or with the lockout it started. */
    AuthenticationFailureHandler failure() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            boolean reserved = Boolean.FALSE.equals(request.getAttribute(SETTLED));
            request.setAttribute(SETTLED, Boolean.TRUE);
            Optional<Duration> wait = throttle.failed(username(request), request.getRemoteAddr(), reserved);
            if (wait.isPresent()) {
                throttled(request, response, wait.get());
            } else {
                response.sendRedirect(request.getContextPath() + LOGIN + "?error");
            }
        };
    }

    /** Forgets the username's failures, then goes where the sign-in was headed ({@code defaultUrl} if nowhere). */
    AuthenticationSuccessHandler success(String defaultUrl) {
        SavedRequestAwareAuthenticationSuccessHandler then = new SavedRequestAwareAuthenticationSuccessHandler();
        then.setDefaultTargetUrl(defaultUrl);
        return (HttpServletRequest request, HttpServletResponse response, Authentication auth) -> {
            boolean reserved = Boolean.FALSE.equals(request.getAttribute(SETTLED));
            request.setAttribute(SETTLED, Boolean.TRUE);
            throttle.succeeded(username(request), request.getRemoteAddr(), reserved);
            then.onAuthenticationSuccess(request, response, auth);
        };
    }

    private static void throttled(HttpServletRequest request, HttpServletResponse response, Duration wait)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.sendRedirect(request.getContextPath() + LOGIN + "?throttled=" + seconds);
    }

    private static String username(HttpServletRequest request) {
        String username = request.getParameter("username");
        return username == null ? "" : username;
    }
}
