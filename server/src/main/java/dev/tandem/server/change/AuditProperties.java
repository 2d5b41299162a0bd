package dev.tandem.server.change;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tandem.audit.*} (environment {@code TANDEM_AUDIT_*}): the original audit fee and its
 * currency for the retest estimate, and the share of it a retest costs (15 to 30 percent unless set).
 *
 * @param fee unset: the estimate has no amounts
 */
@ConfigurationProperties("tandem.audit")
public record AuditProperties(
        @Nullable BigDecimal fee,
        @Nullable String currency,
        @Nullable BigDecimal retestLow,
        @Nullable BigDecimal retestHigh) {

    public String currencyOrDefault() {
        return currency == null || currency.isBlank() ? "USD" : currency.strip();
    }

    public BigDecimal low() {
        return retestLow == null ? new BigDecimal("0.15") : retestLow;
    }

    public BigDecimal high() {
        return retestHigh == null ? new BigDecimal("0.30") : retestHigh;
    }
}
