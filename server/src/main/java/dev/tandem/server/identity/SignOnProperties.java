package dev.tandem.server.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tandem.sign-on.*} (environment {@code TANDEM_SIGN_ON_*}): how an OpenID Connect identity
 * becomes a Tandem user (docs/web.md). The provider itself is configured as a Spring Security OAuth2
 * client registration ({@code spring.security.oauth2.client.registration.<id>.*} and
 * {@code spring.security.oauth2.client.provider.<id>.issuer-uri}).
 *
 * @param adminClaim the ID token or user-info claim that carries the provider's groups or roles
 *     (default {@code groups})
 * @param adminValue the value of that claim (one of its values, when it is a list) that makes the
 *     user an administrator in Tandem; empty means the provider never grants ADMIN
 * @param emailVerifiedClaim the boolean claim by which the provider vouches for the {@code email}
 *     (default {@code email_verified}, OpenID Connect Core 1.0 §5.1); only a vouched-for address
 *     matches an account. Microsoft Entra ID never sends {@code email_verified}: use its optional
 *     claim {@code xms_edov} there (docs/web.md)
 * @param matchUsername whether {@code preferred_username} may name the account (default true); off
 *     for a provider where people choose their own username, so that only a vouched-for address
 *     matches
 */
@ConfigurationProperties("tandem.sign-on")
record SignOnProperties(
        @Nullable String adminClaim,
        @Nullable String adminValue,
        @Nullable String emailVerifiedClaim,
        @Nullable Boolean matchUsername) {

    String claim() {
        return adminClaim == null || adminClaim.isBlank() ? "groups" : adminClaim;
    }

    String emailVerified() {
        return emailVerifiedClaim == null || emailVerifiedClaim.isBlank()
                ? "email_verified"
                : emailVerifiedClaim.strip();
    }

    boolean byUsername() {
        return !Boolean.FALSE.equals(matchUsername);
    }

    String value() {
        return adminValue == null ? "" : adminValue.strip();
    }
}
