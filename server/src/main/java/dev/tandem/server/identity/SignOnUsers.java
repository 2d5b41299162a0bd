package dev.tandem.server.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * Single sign-on: matches the provider's user to an enabled Tandem account, by username
 * ({@code preferred_username}) first, then by a verified e-mail address; refuses an identity with no
 * account (an administrator creates accounts; the provider does not). The configured claim value
 * makes the user an administrator for the session (docs/web.md).
 */
@Component
class SignOnUsers implements OAuth2UserService<OidcUserRequest, OidcUser> {
    private final OidcUserService provider = new OidcUserService();
    private final Accounts accounts;
    private final SignOnProperties properties;

    SignOnUsers(Accounts accounts, SignOnProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = provider.loadUser(request);
        String email = Boolean.FALSE.equals(user.getEmailVerified()) ? null : user.getEmail();
        String username = accounts.matchSignOn(user.getPreferredUsername(), email)
                .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(
                        "no_account",
                        "no enabled Tandem account matches "
                                + (user.getPreferredUsername() == null
                                        ? ""
                                        : "the username " + user.getPreferredUsername() + " or ")
                                + (email == null ? "this identity" : "the address " + email),
                        null)));
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        if (grantsAdmin(user.getClaims().get(properties.claim()))) {
            authorities.add(new SimpleGrantedAuthority(SessionCallerFilter.PROVIDER_ADMIN));
        }
        return new Matched(authorities, user, username);
    }

    private boolean grantsAdmin(Object claim) {
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
