package dev.tandem.controls;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * What the retests may cost: a retest engagement is priced by audit firms at a share of the
 * original audit fee (15 to 30 percent by default, configurable), whatever the number of controls
 * it covers; none is due when there is nothing to retest. Without a configured fee the bounds are
 * unknown (null).
 *
 * @param low the fee times the low share, rounded to cents; null without a fee
 * @param high the fee times the high share; null without a fee
 */
public record RetestFee(
        @Nullable BigDecimal low,
        @Nullable BigDecimal high,
        String currency,
        BigDecimal lowShare,
        BigDecimal highShare) {

    public static RetestFee estimate(
            @Nullable BigDecimal fee, String currency, BigDecimal lowShare, BigDecimal highShare, int retests) {
        if (lowShare.signum() < 0 || highShare.compareTo(lowShare) < 0 || highShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException(
                    "retest shares must satisfy 0 <= low <= high <= 1, got " + lowShare + " and " + highShare);
        }
        if (fee == null) {
            return new RetestFee(null, null, currency, lowShare, highShare);
        }
        if (retests == 0) {
            BigDecimal zero = BigDecimal.ZERO.setScale(2, RoundingMode.HALF_EVEN);
            return new RetestFee(zero, zero, currency, lowShare, highShare);
        }
        return new RetestFee(
                fee.multiply(lowShare).setScale(2, RoundingMode.HALF_EVEN),
                fee.multiply(highShare).setScale(2, RoundingMode.HALF_EVEN),
                currency,
                lowShare,
                highShare);
    }
}
