package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tandem.server.TandemServer;
import dev.tandem.server.TestDatabases;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * With single sign-on configured, the start-up check fetches the provider's OpenID discovery
 * document and the server registers the provider from that document: one request, not two
 * (docs/web.md).
 */
class SignOnDiscoveryOnceH2IT {

    @Test
    void theDiscoveryDocumentIsFetchedOnceAtStartUp() throws Exception {
        List<String> requests = new CopyOnWriteArrayList<>();
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/corp";
        provider.createContext("/", x -> {
            requests.add(x.getRequestURI().getPath());
            String body = x.getRequestURI().getPath().equals("/realms/corp/.well-known/openid-configuration")
                    ? "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\","
                            + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/certs\","
                            + "\"userinfo_endpoint\":\"" + issuer + "/userinfo\","
                            + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                            + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]}"
                    : "";
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "application/json");
            x.sendResponseHeaders(body.isEmpty() ? 404 : 200, b.length == 0 ? -1 : b.length);
            x.getResponseBody().write(b);
            x.close();
        });
        provider.start();
        Path dataDir = TestDatabases.scratch("tandem-sign-on-discovery-it");
        String[] args = {
            "--server.port=0",
            "--tandem.data-dir=" + dataDir,
            "--tandem.admin-token=sign-on-discovery-admin-token-0123456789",
            "--spring.security.oauth2.client.registration.corp.client-id=tandem",
            "--spring.security.oauth2.client.registration.corp.client-secret=secret",
            "--spring.security.oauth2.client.registration.corp.scope=openid,profile,email",
            "--spring.security.oauth2.client.registration.corp.client-name=Corp SSO",
            "--spring.security.oauth2.client.provider.corp.issuer-uri=" + issuer,
            "--logging.level.dev.tandem=WARN"
        };
        try (ConfigurableApplicationContext server = TandemServer.start(args)) {
            assertThat(requests).containsExactly("/realms/corp/.well-known/openid-configuration");
            ClientRegistration corp =
                    server.getBean(ClientRegistrationRepository.class).findByRegistrationId("corp");
            assertThat(corp.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
            assertThat(corp.getProviderDetails().getAuthorizationUri()).isEqualTo(issuer + "/auth");
            assertThat(corp.getProviderDetails().getTokenUri()).isEqualTo(issuer + "/token");
            assertThat(corp.getProviderDetails().getJwkSetUri()).isEqualTo(issuer + "/certs");
            assertThat(corp.getClientId()).isEqualTo("tandem");
            assertThat(corp.getClientSecret()).isEqualTo("secret");
            assertThat(corp.getClientName()).isEqualTo("Corp SSO");
            assertThat(corp.getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
            assertThat(corp.getRedirectUri()).isEqualTo("{baseUrl}/{action}/oauth2/code/{registrationId}");
        } finally {
            provider.stop(0);
        }
    }
}
