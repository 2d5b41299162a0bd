package dev.tandem.server.identity;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tandem.security.*} (environment {@code TANDEM_SECURITY_*}).
 *
 * @param failedTokenLimit refused bearer tokens allowed per client address and window before
 *     further refusals are answered 429 (default 20)
 * @param failedTokenWindow the window of that limit (default one minute), refilled evenly
 * @param failedSignInLimit failed form sign-ins of one username within the window that start a
 *     lockout of that username (default 5)
 * @param failedSignInAddressLimit failed form sign-ins from one client address within the window
 *     that start a lockout of that address (default 50)
 * @param failedSignInWindow the window of those limits (default 15 minutes)
 * @param failedSignInLockout the first lockout (default one minute), doubled by each further one
 *     up to an hour
 */
@ConfigurationProperties("tandem.security")
record SecurityProperties(
        @Nullable Integer failedTokenLimit,
        @Nullable Duration failedTokenWindow,
        @Nullable Integer failedSignInLimit,
        @Nullable Integer failedSignInAddressLimit,
        @Nullable Duration failedSignInWindow,
        @Nullable Duration failedSignInLockout) {

    static final int DEFAULT_FAILED_TOKEN_LIMIT = 20;
    static final Duration DEFAULT_FAILED_TOKEN_WINDOW = Duration.ofMinutes(1);

    int limit() {
        return failedTokenLimit == null ? DEFAULT_FAILED_TOKEN_LIMIT : failedTokenLimit;
    }

    Duration window() {
        return failedTokenWindow == null ? DEFAULT_FAILED_TOKEN_WINDOW : failedTokenWindow;
    }

    /** The throttle of failed form sign-ins these properties configure. */
    FailedSignInThrottle signInThrottle(java.util.function.LongSupplier nanoTime) {
        return new FailedSignInThrottle(
                failedSignInLimit == null ? 5 : failedSignInLimit,
                failedSignInAddressLimit == null ? 50 : failedSignInAddressLimit,
                failedSignInWindow == null ? Duration.ofMinutes(15) : failedSignInWindow,
                failedSignInLockout == null ? Duration.ofMinutes(1) : failedSignInLockout,
                nanoTime);
    }
}
