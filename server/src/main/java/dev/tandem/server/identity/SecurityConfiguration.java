package dev.tandem.server.identity;

import dev.tandem.server.web.Problems;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Two filter chains (docs/web.md, docs/access.md). The API ({@code /api/**}) is stateless with
 * bearer tokens; the checkpoint and verifier key are public. The web interface (everything else)
 * signs people in with a form or single sign-on (OpenID Connect) into a session protected by CSRF
 * tokens; each of its requests re-reads the account, so a disabled user's session ends at once.
 * Both chains authenticate only: every handler is then decided by the access policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, SignOnProperties.class})
class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Pages and assets anyone may fetch: the sign-in page and what it needs. */
    static final String[] PUBLIC_PAGES = {"/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico"};

    @Bean
    FailedTokenThrottle failedTokenThrottle(SecurityProperties props) {
        return new FailedTokenThrottle(props.limit(), props.window(), System::nanoTime);
    }

    @Bean
    FailedSignInThrottle failedSignInThrottle(SecurityProperties props) {
        return props.signInThrottle(System::nanoTime);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService users(JdbcTemplate jdbc) {
        return username -> jdbc
                .query(
                        "SELECT username, password_hash, is_admin, disabled_at FROM app_user WHERE username = ?",
                        (rs, n) -> User.withUsername(rs.getString(1))
                                .password(rs.getString(2) == null ? "{noop}" + UUID.randomUUID() : rs.getString(2))
                                .accountLocked(rs.getString(2) == null)
                                .disabled(rs.getTimestamp(4) != null)
                                .roles(rs.getBoolean(3) ? new String[] {"ADMIN"} : new String[0])
                                .build(),
                        username)
                .stream()
                .findFirst()
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, Accounts accounts, FailedTokenThrottle throttle) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .authorizeHttpRequests(
                        // the original request was authorized; its error and async dispatches are not new requests
                        a -> a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                                .permitAll()
                                .requestMatchers(HttpMethod.GET, "/api/v1/ledger/checkpoint", "/api/v1/ledger/key")
                                .permitAll()
                                // each API handler is then decided by the access policy
                                .anyRequest()
                                .authenticated())
                .addFilterBefore(new BearerTokenFilter(accounts, throttle), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> {
                            res.setHeader("WWW-Authenticate", "Bearer");
                            Problems.write(
                                    res,
                                    HttpStatus.UNAUTHORIZED,
                                    "unauthenticated",
                                    "Unauthenticated",
                                    "send Authorization: Bearer <token>");
                        })
                        .accessDeniedHandler((req, res, ex) -> Problems.write(
                                res, HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "not allowed for this user")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(
            HttpSecurity http,
            Accounts accounts,
            FailedTokenThrottle throttle,
            FailedSignInThrottle signIns,
            ObjectProvider<ClientRegistrationRepository> registrations,
            SignOnUsers signOnUsers)
            throws Exception {
        // A request a bearer token authenticated cannot be forged by another site (a browser never
        // attaches a Bearer token by itself): no CSRF token needed. Only those: browsers do attach
        // Basic or Negotiate credentials by themselves, and a request carrying them is decided by its
        // session cookie like any other. The token filter runs before the CSRF filter to mark them.
        RequestMatcher bearer = BearerTokenFilter::authenticatedByToken;
        LoginUrlAuthenticationEntryPoint toLogin = new LoginUrlAuthenticationEntryPoint("/login");
        ClientRegistrationRepository providers = registrations.getIfAvailable();
        // form sign-ins are throttled per username and address; refused before the password is checked
        SignInThrottleFilter throttled = new SignInThrottleFilter(signIns);
        http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(PUBLIC_PAGES)
                        .permitAll()
                        // each page handler is then decided by the access policy
                        .anyRequest()
                        .authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .successHandler(throttled.success("/incidents"))
                        .failureHandler(throttled.failure())
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessHandler(signedOut(providers)))
                .csrf(c -> c.ignoringRequestMatchers(bearer))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src"
                                + " 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                                + " frame-ancestors 'none'; form-action 'self'" + providerLogoutOrigins(providers)
                                + "; base-uri 'none'; object-src 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new BearerTokenFilter(accounts, throttle), CsrfFilter.class)
                .addFilterBefore(throttled, UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new SessionCallerFilter(accounts), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) -> {
                    if (req.getHeader("HX-Request") != null) {
                        // htmx would swap the sign-in page into a fragment: ask it to load the page instead
                        res.setHeader("HX-Redirect", "/login");
                        res.setStatus(HttpStatus.UNAUTHORIZED.value());
                        return;
                    }
                    toLogin.commence(req, res, ex);
                }));
        if (providers != null) {
            http.oauth2Login(o -> o.loginPage("/login")
                    .defaultSuccessUrl("/incidents", false)
                    .failureHandler(SecurityConfiguration::signOnFailed)
                    .userInfoEndpoint(u -> u.oidcUserService(signOnUsers)));
        }
        return http.build();
    }

    /**
     * Signing out of a single sign-on session also signs out of the provider when it offers
     * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2: its {@code end_session_endpoint},
     * with the ID token as hint); the provider then sends the browser back to the sign-in page. A
     * form sign-in, or a provider without that endpoint, goes straight to the sign-in page.
     */
    private static LogoutSuccessHandler signedOut(@Nullable ClientRegistrationRepository providers) {
        String signedOut = "/login?signed-out";
        if (providers == null) {
            SimpleUrlLogoutSuccessHandler local = new SimpleUrlLogoutSuccessHandler();
            local.setDefaultTargetUrl(signedOut);
            return local;
        }
        OidcClientInitiatedLogoutSuccessHandler withProvider = new OidcClientInitiatedLogoutSuccessHandler(providers);
        withProvider.setPostLogoutRedirectUri("{baseUrl}" + signedOut);
        withProvider.setDefaultTargetUrl(signedOut);
        return withProvider;
    }

    /**
     * The origins of the providers' end-session endpoints, for the policy's {@code form-action}:
     * browsers apply it to the redirects after a form is sent, and the sign-out form's answer
     * redirects to the provider.
     */
    static String providerLogoutOrigins(@Nullable ClientRegistrationRepository providers) {
        if (!(providers instanceof Iterable<?> all)) {
            return "";
        }
        Set<String> origins = new TreeSet<>();
        for (Object r : all) {
            Object endpoint = r instanceof ClientRegistration c
                    ? c.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint")
                    : null;
            if (endpoint != null) {
                URI uri = URI.create(endpoint.toString());
                origins.add(uri.getScheme() + "://" + uri.getRawAuthority());
            }
        }
        return origins.stream().map(o -> " " + o).collect(Collectors.joining());
    }

    /**
     * An identity that matched no enabled account is told so ({@code /login?sso-error}), and so is
     * one whose username or address names an account another identity of the provider holds
     * ({@code /login?sso-taken}); any other failure (the provider refused, the sign-in expired or its
     * answer did not verify) is not the account's fault and is told apart ({@code /login?sso-failed}).
     * All are logged for the administrator, who otherwise cannot tell who tried.
     */
    private static void signOnFailed(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String code =
                e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : "";
        String where = switch (code) {
            case SignOnUsers.NO_ACCOUNT -> "/login?sso-error";
            case SignOnUsers.BOUND_TO_ANOTHER -> "/login?sso-taken";
            default -> "/login?sso-failed";
        };
        if (where.endsWith("sso-failed")) {
            log.warn("single sign-on failed: {}", e.getMessage());
        } else {
            log.info(
                    "single sign-on refused: {}",
                    ((OAuth2AuthenticationException) e).getError().getDescription());
        }
        response.sendRedirect(request.getContextPath() + where);
    }
}
