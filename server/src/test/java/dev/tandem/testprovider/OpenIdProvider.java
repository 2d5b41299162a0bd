package dev.tandem.testprovider;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A real OpenID provider (Spring Authorization Server, OpenID Connect enabled) for the single
 * sign-on tests: its own small Spring application in the test JVM on a port of its own, with one
 * registered client (authorization code, client_secret_basic) and people who sign in with its
 * form. Each person's ID token carries {@code preferred_username}, {@code email},
 * {@code email_verified} and {@code groups} as they are given (a null leaves the claim out), the
 * way an identity provider such as Keycloak asserts them.
 *
 * <p>It lives outside {@code dev.tandem.server} on purpose: Tandem's component scan and
 * {@code @SpringBootTest}'s search for a configuration must never find it. It excludes the
 * database auto-configuration (it has no database) and reads no {@code application.yml}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(
        excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
            "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration"
        })
public class OpenIdProvider {

    /**
     * A person of the provider: signs in with {@code login}/{@code password}; the other fields are
     * the ID token's claims, each left out when null.
     */
    public record Person(
            String login,
            String password,
            @Nullable String preferredUsername,
            @Nullable String email,
            @Nullable Boolean emailVerified,
            @Nullable List<String> groups) {}

    /** What the provider is started with. */
    public record Setup(String clientId, String clientSecret, String redirectUri, List<Person> people) {}

    /** A started provider: its issuer URL; close it to stop it. */
    public record Running(String issuer, ConfigurableApplicationContext context) implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    /** Starts the provider on a free port. */
    public static Running start(Setup setup) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(OpenIdProvider.class)
                .initializers((GenericApplicationContext c) -> c.registerBean(Setup.class, () -> setup))
                .properties(Map.of(
                        // no application.yml of the server under test
                        "spring.config.name",
                        "openid-provider",
                        "server.port",
                        "0",
                        // its own cookie: the browser keeps cookies per host, not per port, and
                        // Tandem's session cookie on the same host is JSESSIONID
                        "server.servlet.session.cookie.name",
                        "PROVIDER_SESSION",
                        "spring.main.banner-mode",
                        "off",
                        "spring.thymeleaf.check-template-location",
                        "false",
                        "logging.level.root",
                        "WARN"))
                .run();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Running("http://127.0.0.1:" + port, context);
    }

    @Bean
    SecurityFilterChain provider(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2AuthorizationServer(as -> as.oidc(Customizer.withDefaults()))
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    RegisteredClientRepository clients(Setup setup) {
        return new InMemoryRegisteredClientRepository(RegisteredClient.withId(
                        UUID.randomUUID().toString())
                .clientId(setup.clientId())
                .clientSecret("{noop}" + setup.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(setup.redirectUri())
                .postLogoutRedirectUri(setup.redirectUri().replaceFirst("/login/oauth2/code/.*$", "/login?signed-out"))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                .clientSettings(ClientSettings.builder()
                        .requireAuthorizationConsent(false)
                        .build())
                .build());
    }

    @Bean
    UserDetailsService people(Setup setup) {
        return new InMemoryUserDetailsManager(setup.people().stream()
                .map(p -> User.withUsername(p.login())
                        .password("{noop}" + p.password())
                        .build())
                .toList());
    }

    /** The ID token's claims for the person who signed in (OpenID Connect Core 1.0 §5.1). */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(Setup setup) {
        Map<String, Person> byLogin =
                setup.people().stream().collect(Collectors.toMap(Person::login, Function.identity()));
        return context -> {
            if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                return;
            }
            Person p = byLogin.get(context.getPrincipal().getName());
            if (p == null) {
                return;
            }
            context.getClaims().claims(claims -> {
                putIfPresent(claims, "preferred_username", p.preferredUsername());
                putIfPresent(claims, "email", p.email());
                putIfPresent(claims, "email_verified", p.emailVerified());
                putIfPresent(claims, "groups", p.groups());
            });
        };
    }

    private static void putIfPresent(Map<String, Object> claims, String name, @Nullable Object value) {
        if (value != null) {
            claims.put(name, value);
        }
    }

    @Bean
    JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }
}
