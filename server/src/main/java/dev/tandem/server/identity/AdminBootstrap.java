package dev.tandem.server.identity;

import dev.tandem.server.TandemProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * CONTRACTS.md §2: when {@code TANDEM_ADMIN_TOKEN} is set at start-up and no such token exists yet,
 * it is created for the administrator {@code admin} (created too if missing).
 */
@Component
class AdminBootstrap implements InitializingBean {
    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Accounts accounts;
    private final TandemProperties props;

    AdminBootstrap(Accounts accounts, TandemProperties props) {
        this.accounts = accounts;
        this.props = props;
    }

    @Override
    public void afterPropertiesSet() {
        String token = props.adminToken();
        if (token == null || token.isBlank()) {
            return;
        }
        if (token.strip().length() < 16) {
            throw new IllegalStateException("TANDEM_ADMIN_TOKEN must have at least 16 characters");
        }
        if (!accounts.exists(ADMIN)) {
            accounts.createUser(ADMIN, "Administrator", null, true, "system");
        }
        if (!accounts.tokenExists(token.strip())) {
            accounts.storeToken(ADMIN, "TANDEM_ADMIN_TOKEN", token.strip(), "system");
            log.info("administrator token from TANDEM_ADMIN_TOKEN installed");
        }
    }
}
