package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** How a provider's identity becomes a Tandem user, without a provider or a database. */
class SignOnUsersTest {
    /** The accounts: commander by name, ada by the address ada@corp.example. */
    private final List<String> asked = new ArrayList<>();

    private Optional<String> accounts(@Nullable String username, @Nullable String email) {
        asked.add(username + "|" + email);
        if ("commander".equals(username)) {
            return Optional.of("commander");
        }
        return "ada@corp.example".equalsIgnoreCase(email) ? Optional.of("ada") : Optional.empty();
    }

    /** Identities already bound, as "issuer|subject" → account; binding only where a test turns it on. */
    private final Map<String, String> bound = new HashMap<>();

    private boolean binding;

    /** As {@link Accounts#signOn} answers, over {@link #accounts} and {@link #bound}. */
    private Accounts.SignOn directory(
            String issuer, String subject, @Nullable String username, @Nullable String email) {
        String account = bound.get(issuer + "|" + subject);
        if (account != null) {
            return new Accounts.SignOn.Matched(account);
        }
        Optional<String> matched = accounts(username, email);
        if (matched.isEmpty()) {
            return new Accounts.SignOn.NoAccount();
        }
        if (bound.entrySet().stream()
                .anyMatch(
                        e -> e.getKey().startsWith(issuer + "|") && e.getValue().equals(matched.get()))) {
            return new Accounts.SignOn.BoundToAnother(matched.get());
        }
        if (binding) {
            bound.put(issuer + "|" + subject, matched.get());
        }
        return new Accounts.SignOn.Matched(matched.get());
    }

    private SignOnUsers users(@Nullable String adminValue, @Nullable String emailVerifiedClaim) {
        return new SignOnUsers(this::directory, new SignOnProperties(null, adminValue, emailVerifiedClaim, null));
    }

    private static OidcUser identity(Map<String, Object> claims) {
        return identity("sub-1", claims);
    }

    private static OidcUser identity(String subject, Map<String, Object> claims) {
        OidcIdToken.Builder token = OidcIdToken.withTokenValue("id-token")
                .subject(subject)
                .issuer("https://idp.example")
                .issuedAt(Instant.parse("2026-12-05T08:00:00Z"))
                .expiresAt(Instant.parse("2026-12-05T09:00:00Z"));
        claims.forEach(token::claim);
        return new DefaultOidcUser(List.of(), token.build());
    }

    private static boolean providerAdmin(OidcUser user) {
        return user.getAuthorities().stream()
                .anyMatch(a -> SessionCallerFilter.PROVIDER_ADMIN.equals(a.getAuthority()));
    }

    @Test
    void matchesByPreferredUsernameAndNamesTheSessionByTheAccount() {
        OidcUser user = users(null, null).match(identity(Map.of("preferred_username", "commander")));
        assertThat(user.getName()).isEqualTo("commander");
        assertThat(providerAdmin(user)).isFalse();
    }

    @Test
    void matchesByAVerifiedAddressWhenNoAccountHasTheUsername() {
        OidcUser user = users(null, null)
                .match(identity(Map.of(
                        "preferred_username", "a.lovelace", "email", "Ada@Corp.Example", "email_verified", true)));
        assertThat(user.getName()).isEqualTo("ada");
    }

    @Test
    void refusesAnAddressNotVerifiedOrWithoutTheVerifiedClaim() {
        SignOnUsers users = users(null, null);
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("email", "ada@corp.example", "email_verified", false),
                Map.of("email", "ada@corp.example"),
                Map.of("email", "ada@corp.example", "email_verified", "no"))) {
            assertThatThrownBy(() -> users.match(identity(claims)))
                    .as(claims.toString())
                    .isInstanceOfSatisfying(
                            OAuth2AuthenticationException.class,
                            e -> assertThat(e.getError().getErrorCode()).isEqualTo(SignOnUsers.NO_ACCOUNT));
        }
        assertThat(asked).containsOnly("null|null");
    }

    @Test
    void takesTheConfiguredClaimAsTheProvidersWordOnTheAddress() {
        // Microsoft Entra ID: no email_verified, but the optional claim xms_edov
        SignOnUsers entra = users(null, "xms_edov");
        assertThat(entra.match(identity(Map.of("email", "ada@corp.example", "xms_edov", true)))
                        .getName())
                .isEqualTo("ada");
        assertThatThrownBy(() -> entra.match(identity(Map.of("email", "ada@corp.example", "email_verified", true))))
                .isInstanceOf(OAuth2AuthenticationException.class);
    }

    @Test
    void withUsernamesOffOnlyAVouchedForAddressMatches() {
        SignOnUsers byAddress = new SignOnUsers(this::directory, new SignOnProperties(null, null, null, false));
        assertThatThrownBy(() -> byAddress.match(identity(Map.of("preferred_username", "commander"))))
                .isInstanceOfSatisfying(
                        OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getDescription())
                                .isEqualTo("no enabled Tandem account matches this identity"));
        assertThat(byAddress
                        .match(identity(Map.of(
                                "preferred_username", "commander",
                                "email", "ada@corp.example",
                                "email_verified", true)))
                        .getName())
                .isEqualTo("ada");
    }

    @Test
    void theConfiguredGroupMakesTheSessionAdminAndNothingElseDoes() {
        SignOnUsers users = users("tandem-admins", null);
        assertThat(providerAdmin(users.match(identity(
                        Map.of("preferred_username", "commander", "groups", List.of("staff", "tandem-admins"))))))
                .isTrue();
        assertThat(providerAdmin(
                        users.match(identity(Map.of("preferred_username", "commander", "groups", "tandem-admins")))))
                .isTrue();
        assertThat(providerAdmin(users.match(
                        identity(Map.of("preferred_username", "commander", "groups", List.of("tandem-admins-not"))))))
                .isFalse();
        assertThat(providerAdmin(users.match(identity(Map.of("preferred_username", "commander")))))
                .isFalse();
        // no value configured: the provider never grants ADMIN, whatever its groups
        assertThat(providerAdmin(users(null, null)
                        .match(identity(Map.of("preferred_username", "commander", "groups", List.of(""))))))
                .isFalse();
    }

    @Test
    void aRefusalNamesWhatWasTried() {
        assertThatThrownBy(() -> users(null, null)
                        .match(identity(Map.of(
                                "preferred_username", "mallory", "email", "m@corp.example", "email_verified", true))))
                .isInstanceOfSatisfying(
                        OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getDescription())
                                .isEqualTo("no enabled Tandem account matches the username mallory or the address"
                                        + " m@corp.example"));
    }

    @Test
    void asksTheDirectoryWithTheProvidersIssuerAndSubject() {
        List<String> seen = new ArrayList<>();
        SignOnUsers users = new SignOnUsers(
                (issuer, subject, username, email) -> {
                    seen.add(issuer + " " + subject);
                    return new Accounts.SignOn.Matched("commander");
                },
                new SignOnProperties(null, null, null, null));
        users.match(identity("sub-42", Map.of("preferred_username", "commander")));
        assertThat(seen).containsExactly("https://idp.example sub-42");
    }

    @Test
    void anotherSubjectClaimingABoundAccountsUsernameIsRefusedAndNamed() {
        binding = true;
        SignOnUsers users = users(null, null);
        assertThat(users.match(identity("sub-1", Map.of("preferred_username", "commander")))
                        .getName())
                .isEqualTo("commander");
        // the provider reassigned the username "commander" to someone else: a new subject
        assertThatThrownBy(() -> users.match(identity("sub-2", Map.of("preferred_username", "commander"))))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class, e -> {
                    assertThat(e.getError().getErrorCode()).isEqualTo(SignOnUsers.BOUND_TO_ANOTHER);
                    assertThat(e.getError().getDescription())
                            .isEqualTo("the Tandem account commander belongs to another identity of"
                                    + " https://idp.example; an administrator can release it");
                });
        // the bound subject keeps its account whatever username it now asserts
        assertThat(users.match(identity("sub-1", Map.of("preferred_username", "renamed")))
                        .getName())
                .isEqualTo("commander");
    }
}
