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
 */
@ConfigurationProperties("tandem.security")
record SecurityProperties(
        @Nullable Integer failedTokenLimit, @Nullable Duration failedTokenWindow) {

    static final int DEFAULT_FAILED_TOKEN_LIMIT = 20;
    static final Duration DEFAULT_FAILED_TOKEN_WINDOW = Duration.ofMinutes(1);

    int limit() {
        return failedTokenLimit == null ? DEFAULT_FAILED_TOKEN_LIMIT : failedTokenLimit;
    }

    Duration window() {
        return failedTokenWindow == null ? DEFAULT_FAILED_TOKEN_WINDOW : failedTokenWindow;
    }
}
