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
        Optional<Duration> wait = throttle.locked(username(request), request.getRemoteAddr());
        if (wait.isPresent()) {
            throttled(request, response, wait.get());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Counts the failure; back to the sign-in page with the error, or with the lockout it started. */
    AuthenticationFailureHandler failure() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            Optional<Duration> wait = throttle.failed(username(request), request.getRemoteAddr());
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
            throttle.succeeded(username(request));
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
