package dev.tandem.server.identity;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Limits failed form sign-ins, per username and per client address (NIST SP 800-63B §5.2.2, rate
 * limiting): {@code limit} failures of one username, or {@code addressLimit} from one address,
 * within {@code window} start a lockout of {@code lockout}, doubled by each further lockout of the
 * same key (up to {@link #MAX_LOCKOUT}) until the key has been quiet for a window. While a key is
 * locked out, every attempt with it is refused before the password is checked, the right one too.
 * Usernames are counted alike whether an account has them or not, so the answers never tell whether
 * a user exists. A success forgets its username's failures, not its address's: else one account of
 * the attacker's would reset the count of an address trying many usernames.
 */
final class FailedSignInThrottle {
    /** Keys remembered at most per kind; past that, idle ones are forgotten, never a lockout. */
    static final int MAX_KEYS = 100_000;

    /** The longest lockout, however many came before. */
    static final Duration MAX_LOCKOUT = Duration.ofHours(1);

    /** Usernames are counted by at most this many characters: a longer one is no account's. */
    private static final int MAX_USERNAME = 200;

    private final int limit;
    private final int addressLimit;
    private final long window;
    private final long lockout;
    private final LongSupplier nanoTime;
    private final Map<String, State> usernames = new ConcurrentHashMap<>();
    private final Map<String, State> addresses = new ConcurrentHashMap<>();

    /**
     * One key's count: failures since {@code windowStart}, locked out until {@code lockedUntil}
     * (nanoTime), how many lockouts in a row it had, and how many sign-ins with it are being checked
     * now ({@link #begin}).
     */
    private record State(int failures, long windowStart, long lockedUntil, int lockouts, int inFlight) {
        State inFlight(int delta) {
            return new State(failures, windowStart, lockedUntil, lockouts, Math.max(0, inFlight + delta));
        }
    }

    /** The wait asked of a sign-in refused because as many as may still fail are being checked. */
    static final Duration BUSY = Duration.ofSeconds(1);

    FailedSignInThrottle(int limit, int addressLimit, Duration window, Duration lockout, LongSupplier nanoTime) {
        if (limit < 1 || addressLimit < 1) {
            throw new IllegalArgumentException("tandem.security.failed-sign-in-limit and"
                    + " failed-sign-in-address-limit must be at least 1, got " + limit + " and " + addressLimit);
        }
        if (!window.isPositive() || !lockout.isPositive()) {
            throw new IllegalArgumentException("tandem.security.failed-sign-in-window and failed-sign-in-lockout"
                    + " must be positive, got " + window + " and " + lockout);
        }
        this.limit = limit;
        this.addressLimit = addressLimit;
        this.window = window.toNanos();
        this.lockout = Math.min(lockout.toNanos(), MAX_LOCKOUT.toNanos());
        this.nanoTime = nanoTime;
        this.lastForget = nanoTime.getAsLong() - FORGET_EVERY;
    }

    /** How long a sign-in as {@code username} from {@code address} must wait; empty when it may be tried. */
    Optional<Duration> locked(String username, String address) {
        long now = nanoTime.getAsLong();
        long wait = Math.max(remaining(usernames.get(key(username)), now), remaining(addresses.get(address), now));
        return wait > 0 ? Optional.of(Duration.ofNanos(wait)) : Optional.empty();
    }

    /**
     * Asks to check a sign-in's password: empty when it may be checked, and then it counts as being
     * checked until {@link #failed}, {@link #succeeded} or {@link #abandoned} settles it; else the
     * wait (a lockout under way, or {@link #BUSY} while as many sign-ins as may still fail before a
     * lockout are being checked). So parallel guesses are no more than sequential ones: a lockout
     * starts after {@code limit} failures however many were sent at once.
     */
    Optional<Duration> begin(String username, String address) {
        Optional<Duration> under = locked(username, address);
        if (under.isPresent()) {
            return under;
        }
        long now = nanoTime.getAsLong();
        String user = key(username);
        if (!reserve(usernames, user, limit, now)) {
            return Optional.of(BUSY);
        }
        if (!reserve(addresses, address, addressLimit, now)) {
            release(usernames, user);
            return Optional.of(BUSY);
        }
        return Optional.empty();
    }

    /**
     * Counts a failed sign-in; answers the lockout it started (of the username or the address, the
     * longer), if any. An attempt made while either is locked out was refused, not failed: it is
     * not counted, and answers the lockout under way.
     */
    Optional<Duration> failed(String username, String address) {
        return failed(username, address, false);
    }

    /**
     * Counts a failed sign-in that {@link #begin} let through ({@code reserved}): its place is given
     * back in the same step that counts the failure, so no other sign-in is let through between.
     */
    Optional<Duration> failed(String username, String address, boolean reserved) {
        Optional<Duration> under = locked(username, address);
        if (under.isPresent()) {
            if (reserved) {
                abandoned(username, address);
            }
            return under;
        }
        long now = nanoTime.getAsLong();
        State user = count(usernames, key(username), limit, now, reserved);
        State from = count(addresses, address, addressLimit, now, reserved);
        long wait = Math.max(remaining(user, now), remaining(from, now));
        return wait > 0 ? Optional.of(Duration.ofNanos(wait)) : Optional.empty();
    }

    /**
     * A successful sign-in: its username's failures are forgotten, not the places of other sign-ins
     * with it still being checked; {@code reserved} when {@link #begin} let it through.
     */
    void succeeded(String username, String address, boolean reserved) {
        if (reserved) {
            release(addresses, address);
        }
        long now = nanoTime.getAsLong();
        usernames.computeIfPresent(key(username), (k, s) -> {
            int others = reserved ? Math.max(0, s.inFlight() - 1) : s.inFlight();
            return others == 0 ? null : new State(0, now, now, 0, others);
        });
    }

    /** A sign-in begun and neither failed nor succeeded (refused on other grounds): no longer checked. */
    void abandoned(String username, String address) {
        release(usernames, key(username));
        release(addresses, address);
    }

    /**
     * Counts one more sign-in being checked for {@code key}, unless its failures and those would reach
     * {@code max}. A key the full table has no room for is let through untracked: refusing it would
     * lock every new user out while an attacker keeps the table full of lockouts.
     */
    private boolean reserve(Map<String, State> states, String key, int max, long now) {
        if (states.size() >= MAX_KEYS && !states.containsKey(key)) {
            forgetIdle(states, now);
            if (states.size() >= MAX_KEYS) {
                return true;
            }
        }
        boolean[] room = {false};
        states.compute(key, (k, s) -> {
            if (s == null) {
                s = new State(0, now, now, 0, 0);
            }
            int failures = now - s.windowStart() >= window ? 0 : s.failures();
            if (s.lockedUntil() - now > 0 || failures + s.inFlight() >= max) {
                return s;
            }
            room[0] = true;
            return s.inFlight(1);
        });
        return room[0];
    }

    private static void release(Map<String, State> states, String key) {
        states.computeIfPresent(key, (k, s) -> s.inFlight() > 0 ? s.inFlight(-1) : s);
    }

    private @Nullable State count(Map<String, State> states, String key, int max, long now, boolean reserved) {
        if (states.size() >= MAX_KEYS && !states.containsKey(key)) {
            forgetIdle(states, now);
            if (states.size() >= MAX_KEYS) {
                return null; // no room: the failure is not tracked (see reserve)
            }
        }
        return states.compute(key, (k, old) -> {
            State s = old == null ? new State(0, now, now, 0, 0) : reserved ? old.inFlight(-1) : old;
            int lockouts = now - s.lockedUntil() >= window ? 0 : s.lockouts();
            int failures = now - s.windowStart() >= window ? 1 : s.failures() + 1;
            long windowStart = failures == 1 ? now : s.windowStart();
            if (failures < max) {
                return new State(failures, windowStart, s.lockedUntil(), lockouts, s.inFlight());
            }
            long length = lockout << Math.min(lockouts, 30);
            if (length <= 0 || length > MAX_LOCKOUT.toNanos()) {
                length = MAX_LOCKOUT.toNanos();
            }
            return new State(0, now, now + length, lockouts + 1, s.inFlight());
        });
    }

    private long remaining(State s, long now) {
        return s == null ? 0 : Math.max(0, s.lockedUntil() - now);
    }

    /**
     * Makes room: forgets the keys quiet for a window, then, if that is not enough, the keys neither
     * locked out nor being checked (their failures short of a lockout). A lockout is never forgotten
     * early: else an attacker could clear a victim's by failing with many other names.
     */
    /** How often a full table is searched for keys to forget: each search walks all of it. */
    private static final long FORGET_EVERY = Duration.ofSeconds(1).toNanos();

    /** When a full table was last searched (nanoTime); a search is due from the start. */
    private volatile long lastForget;

    private void forgetIdle(Map<String, State> states, long now) {
        if (now - lastForget < FORGET_EVERY) {
            return;
        }
        lastForget = now;
        states.values()
                .removeIf(s -> s.lockedUntil() - now <= 0
                        && s.inFlight() == 0
                        && now - s.windowStart() >= window
                        && now - s.lockedUntil() >= window);
        if (states.size() >= MAX_KEYS) {
            states.values().removeIf(s -> s.lockedUntil() - now <= 0 && s.inFlight() == 0);
        }
    }

    private static String key(String username) {
        String u = username.strip().toLowerCase(Locale.ROOT);
        return u.length() > MAX_USERNAME ? u.substring(0, MAX_USERNAME) : u;
    }
}
