package dev.tandem.server.identity;

import dev.tandem.server.web.Problems;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
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

    /** Pages and assets anyone may fetch: the sign-in page and what it needs. */
    static final String[] PUBLIC_PAGES = {"/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico"};

    @Bean
    FailedTokenThrottle failedTokenThrottle(SecurityProperties props) {
        return new FailedTokenThrottle(props.limit(), props.window(), System::nanoTime);
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
            ObjectProvider<ClientRegistrationRepository> registrations,
            SignOnUsers signOnUsers)
            throws Exception {
        // A request that carries a bearer token cannot be forged by another site: no CSRF token needed.
        RequestMatcher bearer = (HttpServletRequest r) -> r.getHeader(HttpHeaders.AUTHORIZATION) != null;
        LoginUrlAuthenticationEntryPoint toLogin = new LoginUrlAuthenticationEntryPoint("/login");
        http.authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(PUBLIC_PAGES)
                        .permitAll()
                        // each page handler is then decided by the access policy
                        .anyRequest()
                        .authenticated())
                .formLogin(f -> f.loginPage("/login")
                        .defaultSuccessUrl("/incidents", false)
                        .failureUrl("/login?error")
                        .permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
                .csrf(c -> c.ignoringRequestMatchers(bearer))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src"
                                + " 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                                + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(new BearerTokenFilter(accounts, throttle), AnonymousAuthenticationFilter.class)
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
        if (registrations.getIfAvailable() != null) {
            http.oauth2Login(o -> o.loginPage("/login")
                    .defaultSuccessUrl("/incidents", false)
                    .failureUrl("/login?sso-error")
                    .userInfoEndpoint(u -> u.oidcUserService(signOnUsers)));
        }
        return http.build();
    }
}
