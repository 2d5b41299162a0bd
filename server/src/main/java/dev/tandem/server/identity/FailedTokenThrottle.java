package dev.tandem.server.identity;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Limits refused bearer tokens per client address: each address may fail {@code limit} times per
 * {@code window}, refilled evenly (the generic cell rate algorithm, a token bucket kept as one
 * number); past that, a refused token is answered 429 with how long to wait. Only refusals count,
 * so a valid token from the same address is still accepted. Tokens are 256 random bits and cannot
 * be guessed; the limit keeps a misconfigured or hostile client from turning every request into a
 * database query and a log line at full speed.
 */
final class FailedTokenThrottle {
    /** Addresses remembered at most; past that, those back at their full allowance are forgotten. */
    static final int MAX_ADDRESSES = 100_000;

    private final long interval;
    private final long burst;
    private final LongSupplier nanoTime;

    /**
     * Per address, the theoretical arrival time (nanoTime) of its next failure: each counted failure
     * moves it {@code interval} on; a failure is counted while that stays within {@code burst} of now.
     */
    private final ConcurrentHashMap<String, Long> due = new ConcurrentHashMap<>();

    FailedTokenThrottle(int limit, Duration window, LongSupplier nanoTime) {
        if (limit < 1) {
            throw new IllegalArgumentException("tandem.security.failed-token-limit must be at least 1, got " + limit);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("tandem.security.failed-token-window must be positive, got " + window);
        }
        this.interval = Math.max(1, window.toNanos() / limit);
        this.burst = interval * limit;
        this.nanoTime = nanoTime;
    }

    /**
     * Counts a refused token from {@code address}. Answers empty while the address is within its
     * limit, else how long until it may fail again (nothing is counted then).
     */
    Optional<Duration> refused(String address) {
        if (due.size() >= MAX_ADDRESSES) {
            forgetIdle();
        }
        long now = nanoTime.getAsLong();
        long[] wait = {0};
        due.compute(address, (a, tat) -> {
            long from = tat == null || tat - now < 0 ? now : tat;
            long next = from + interval;
            if (next - now <= burst) {
                wait[0] = 0;
                return next;
            }
            wait[0] = next - now - burst;
            return from;
        });
        return wait[0] == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(wait[0]));
    }

    private void forgetIdle() {
        long now = nanoTime.getAsLong();
        due.values().removeIf(tat -> tat - now <= 0);
        if (due.size() >= MAX_ADDRESSES) {
            due.clear();
        }
    }
}
