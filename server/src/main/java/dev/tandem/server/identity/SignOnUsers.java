package dev.tandem.server.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Single sign-on: an identity already bound to an account (issuer and subject) signs in as it;
 * a new identity is matched to an enabled Tandem account by username ({@code preferred_username})
 * first, then by an e-mail address the provider verified, and bound to it; refuses an identity with
 * no account (an administrator creates accounts; the provider does not) and one whose username or
 * address names an account another identity of the provider holds. The configured claim value
 * makes the user an administrator for the session (docs/web.md).
 */
@Component
class SignOnUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {
    /** The error code of an identity that matched no enabled account. */
    static final String NO_ACCOUNT = "no_account";

    /** The error code of an identity whose username or address names an account bound to another identity. */
    static final String BOUND_TO_ANOTHER = "bound_to_another";

    /** The accounts as single sign-on sees them: {@link Accounts#signOn}. */
    @FunctionalInterface
    interface Directory {
        Accounts.SignOn signOn(String issuer, String subject, @Nullable String username, @Nullable String email);
    }

    private final OidcUserService provider = new OidcUserService();
    private final Directory accounts;
    private final SignOnProperties properties;

    @Autowired
    SignOnUsers(Accounts accounts, SignOnProperties properties) {
        this((Directory) accounts::signOn, properties);
    }

    SignOnUsers(Directory accounts, SignOnProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        return match(provider.loadUser(request));
    }

    /** The provider's user as a Tandem user; refused with {@link #NO_ACCOUNT} when no enabled account matches. */
    OidcUser match(OidcUser user) {
        String email = verifiedEmail(user);
        String name = properties.byUsername() ? user.getPreferredUsername() : null;
        String issuer = String.valueOf(user.getIssuer());
        String username = switch (accounts.signOn(issuer, user.getSubject(), name, email)) {
            case Accounts.SignOn.Matched m -> m.username();
            case Accounts.SignOn.NoAccount n ->
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        NO_ACCOUNT,
                        "no enabled Tandem account matches "
                                + (name == null ? "" : "the username " + name + " or ")
                                + (email == null ? "this identity" : "the address " + email),
                        null));
            case Accounts.SignOn.BoundToAnother b ->
                throw new OAuth2AuthenticationException(new OAuth2Error(
                        BOUND_TO_ANOTHER,
                        "the Tandem account " + b.username() + " belongs to another identity of " + issuer
                                + "; an administrator can release it",
                        null));
        };
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        if (grantsAdmin(user.getClaims().get(properties.claim()))) {
            authorities.add(new SimpleGrantedAuthority(SessionCallerFilter.PROVIDER_ADMIN));
        }
        return new Matched(authorities, user, username);
    }

    /**
     * The address, if the provider says it verified it (OpenID Connect Core 1.0 §5.1,
     * {@code email_verified}, or the claim configured in its place). An absent claim is not a yes:
     * an address anyone can type into their profile must never open someone else's account.
     */
    private @Nullable String verifiedEmail(OidcUser user) {
        Object verified = user.getClaims().get(properties.emailVerified());
        boolean yes = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return yes ? user.getEmail() : null;
    }

    private boolean grantsAdmin(@Nullable Object claim) {
        String wanted = properties.value();
        if (wanted.isEmpty() || claim == null) {
            return false;
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(v -> wanted.equals(String.valueOf(v)));
        }
        return wanted.equals(String.valueOf(claim));
    }

    /** The provider's user, named by the Tandem account it matched. */
    static final class Matched extends DefaultOidcUser {
        private static final long serialVersionUID = 1L;
        private final String username;

        Matched(Collection<? extends GrantedAuthority> authorities, OidcUser user, String username) {
            super(authorities, user.getIdToken(), user.getUserInfo());
            this.username = username;
        }

        @Override
        public String getName() {
            return username;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Matched m && m.username.equals(username) && super.equals(o);
        }

        @Override
        public int hashCode() {
            return username.hashCode();
        }
    }
}
