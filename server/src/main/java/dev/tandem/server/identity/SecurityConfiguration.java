package dev.tandem.server.identity;

import dev.tandem.server.web.Problems;
import jakarta.servlet.DispatcherType;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/** API security: stateless bearer tokens; the checkpoint and verifier key are public. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

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
    SecurityFilterChain api(HttpSecurity http, Accounts accounts, FailedTokenThrottle throttle) throws Exception {
        http.csrf(c -> c.disable())
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
                                .requestMatchers("/api/**")
                                .authenticated()
                                // nothing else is served; each API handler is decided by the access policy
                                .anyRequest()
                                .denyAll())
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
}
