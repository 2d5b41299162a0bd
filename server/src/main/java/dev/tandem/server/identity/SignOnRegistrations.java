package dev.tandem.server.identity;

import dev.tandem.server.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.ConditionalOnOAuth2ClientRegistrationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthenticationMethod;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * The single sign-on providers (docs/web.md) as Spring Boot would register them, except that a
 * provider's OpenID discovery document the start-up check already fetched ({@link
 * Settings#discovered}) is used as it is ({@link ClientRegistrations#fromOidcConfiguration}) rather
 * than fetched again; a provider the check did not fetch (a server started without it) goes through
 * Boot's own mapping, which fetches it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnOAuth2ClientRegistrationProperties
@EnableConfigurationProperties(OAuth2ClientProperties.class)
class SignOnRegistrations {

    @Bean
    ClientRegistrationRepository clientRegistrationRepository(OAuth2ClientProperties properties) {
        Map<String, ClientRegistration> registrations = new LinkedHashMap<>();
        OAuth2ClientProperties rest = new OAuth2ClientProperties();
        rest.getProvider().putAll(properties.getProvider());
        properties.getRegistration().forEach((id, registration) -> {
            String providerId = registration.getProvider() == null ? id : registration.getProvider();
            OAuth2ClientProperties.Provider provider = properties.getProvider().get(providerId);
            Map<String, Object> document = provider == null || provider.getIssuerUri() == null
                    ? null
                    : Settings.discovered(provider.getIssuerUri());
            if (document == null) {
                rest.getRegistration().put(id, registration);
            } else {
                registrations.put(id, registration(id, registration, provider, document));
            }
        });
        registrations.putAll(new OAuth2ClientPropertiesMapper(rest).asClientRegistrations());
        // in the configured order, as Boot's mapping keeps it
        Map<String, ClientRegistration> ordered = new LinkedHashMap<>();
        properties.getRegistration().keySet().forEach(id -> ordered.put(id, registrations.get(id)));
        return new InMemoryClientRegistrationRepository(ordered);
    }

    /** What Boot's mapping makes of {@code registration}, from the document instead of a request. */
    static ClientRegistration registration(
            String id,
            OAuth2ClientProperties.Registration registration,
            OAuth2ClientProperties.Provider provider,
            Map<String, Object> document) {
        ClientRegistration.Builder b =
                ClientRegistrations.fromOidcConfiguration(document).registrationId(id);
        set(provider.getAuthorizationUri(), b::authorizationUri);
        set(provider.getTokenUri(), b::tokenUri);
        set(provider.getUserInfoUri(), b::userInfoUri);
        if (provider.getUserInfoAuthenticationMethod() != null) {
            b.userInfoAuthenticationMethod(new AuthenticationMethod(provider.getUserInfoAuthenticationMethod()));
        }
        set(provider.getJwkSetUri(), b::jwkSetUri);
        set(provider.getUserNameAttribute(), b::userNameAttributeName);
        set(registration.getClientId(), b::clientId);
        set(registration.getClientSecret(), b::clientSecret);
        if (registration.getClientAuthenticationMethod() != null) {
            b.clientAuthenticationMethod(new ClientAuthenticationMethod(registration.getClientAuthenticationMethod()));
        }
        if (registration.getAuthorizationGrantType() != null) {
            b.authorizationGrantType(new AuthorizationGrantType(registration.getAuthorizationGrantType()));
        }
        set(registration.getRedirectUri(), b::redirectUri);
        if (registration.getScope() != null) b.scope(registration.getScope());
        set(registration.getClientName(), b::clientName);
        return b.build();
    }

    private static void set(@Nullable String value, java.util.function.Consumer<String> to) {
        if (value != null) to.accept(value);
    }
}
