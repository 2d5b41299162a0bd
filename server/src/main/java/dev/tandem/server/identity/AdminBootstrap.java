package dev.tandem.server.identity;

import dev.tandem.server.TandemProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * docs/contracts.md §2: when {@code TANDEM_ADMIN_TOKEN} is set at start-up and no such token exists yet,
 * it is created for the administrator {@code admin} (created too if missing). The token attaches
 * only to an administrator: a user {@code admin} without the ADMIN role stops the start. A changed
 * value replaces the token installed from the earlier one, which is revoked (ADR 060); a value
 * revoked through the API stays revoked.
 */
@Component
class AdminBootstrap implements InitializingBean {
    static final String ADMIN = "admin";
    static final String LABEL = "TANDEM_ADMIN_TOKEN";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final TandemProperties props;

    AdminBootstrap(Accounts accounts, TandemProperties props) {
        this.accounts = accounts;
        this.props = props;
    }

    @Override
    public void afterPropertiesSet() {
        String value = props.adminToken();
        if (value == null || value.isBlank()) {
            return;
        }
        String token = value.strip();
        if (token.length() < dev.tandem.server.Settings.MIN_ADMIN_TOKEN_LENGTH) { // checked at start-up first
            throw new IllegalStateException("TANDEM_ADMIN_TOKEN must have at least 16 characters");
        }
        var admin = accounts.byUsername(ADMIN);
        if (admin.isEmpty()) {
            accounts.createUser(ADMIN, "Administrator", null, true, "system");
        } else if (!admin.get().admin()) {
            throw new IllegalStateException("TANDEM_ADMIN_TOKEN is set, but the user '" + ADMIN
                    + "' is not an administrator; the token attaches only to an administrator."
                    + " Unset TANDEM_ADMIN_TOKEN, or rename that user and start again.");
        }
        switch (accounts.bootstrapState(token, ADMIN)) {
            case CURRENT -> {}
            case REVOKED ->
                log.warn("TANDEM_ADMIN_TOKEN holds a token that was revoked; it stays revoked. Set a new value.");
            case FOREIGN ->
                throw new IllegalStateException(
                        "TANDEM_ADMIN_TOKEN holds a token that is already stored for another purpose; choose another value");
            case NEW -> {
                int replaced = accounts.replaceBootstrapToken(ADMIN, token);
                if (replaced < 0) {
                    afterPropertiesSet();
                    return;
                }
                log.info(
                        replaced == 0
                                ? "administrator token from TANDEM_ADMIN_TOKEN installed"
                                : "administrator token from TANDEM_ADMIN_TOKEN installed; the one from its earlier value is revoked");
            }
        }
    }
}
