package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedSignInThrottleTest {
    static final String HOME = "192.0.2.1";
    static final String AWAY = "198.51.100.7";

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final FailedSignInThrottle throttle =
            new FailedSignInThrottle(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(1), nanos::get);

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void theLimitOfFailuresOfAUsernameStartsALockoutOfItFromEveryAddress() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("ada", HOME)).as("failure %d", i).isEmpty();
            assertThat(throttle.locked("ada", HOME)).isEmpty();
        }
        assertThat(throttle.failed("ada", HOME)).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.locked("ada", HOME)).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.locked("ada", AWAY)).hasValue(Duration.ofMinutes(1));
        // the username as typed in other case is the same username
        assertThat(throttle.locked(" ADA ", AWAY)).isPresent();
        // other usernames from the same address are not locked out by it
        assertThat(throttle.locked("bob", HOME)).isEmpty();
        advance(Duration.ofSeconds(45));
        assertThat(throttle.locked("ada", HOME)).hasValue(Duration.ofSeconds(15));
        advance(Duration.ofSeconds(15));
        assertThat(throttle.locked("ada", HOME)).isEmpty();
    }

    @Test
    void eachFurtherLockoutIsTwiceAsLongUpToAnHour() {
        Duration expected = Duration.ofMinutes(1);
        for (int lockout = 0; lockout < 9; lockout++) {
            for (int i = 0; i < 4; i++) {
                assertThat(throttle.failed("ada", HOME)).isEmpty();
            }
            assertThat(throttle.failed("ada", HOME)).as("lockout %d", lockout).hasValue(expected);
            advance(expected);
            expected = expected.multipliedBy(2).compareTo(FailedSignInThrottle.MAX_LOCKOUT) > 0
                    ? FailedSignInThrottle.MAX_LOCKOUT
                    : expected.multipliedBy(2);
        }
        assertThat(expected).isEqualTo(Duration.ofHours(1));
        // quiet for a window after the last lockout: the next one is the first again
        advance(Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            throttle.failed("ada", HOME);
        }
        assertThat(throttle.failed("ada", HOME)).hasValue(Duration.ofMinutes(1));
    }

    @Test
    void attemptsDuringALockoutAreNotCountedAndDoNotExtendIt() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("ada", HOME);
        }
        advance(Duration.ofSeconds(30));
        for (int i = 0; i < 30; i++) {
            throttle.failed("ada", HOME);
        }
        assertThat(throttle.locked("ada", HOME)).hasValue(Duration.ofSeconds(30));
    }

    @Test
    void failuresOutsideTheWindowDoNotAddUp() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ada", HOME);
        }
        advance(Duration.ofMinutes(15));
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("ada", HOME)).isEmpty();
        }
        assertThat(throttle.locked("ada", HOME)).isEmpty();
    }

    @Test
    void aSuccessForgetsTheUsernamesFailuresButNotTheAddresss() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("ada", HOME);
        }
        throttle.succeeded("ada", HOME, false);
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("ada", HOME)).isEmpty();
        }
        // the address has failed 8 times: a success of one account does not reset it
        for (int i = 0; i < 11; i++) {
            assertThat(throttle.failed("user" + i, HOME)).isEmpty();
        }
        throttle.succeeded("mallory", HOME, false);
        assertThat(throttle.failed("user-next", HOME)).hasValue(Duration.ofMinutes(1));
    }

    @Test
    void anAddressTryingManyUsernamesIsLockedOutForAllOfThem() {
        for (int i = 0; i < 19; i++) {
            assertThat(throttle.failed("user" + i, HOME)).isEmpty();
        }
        assertThat(throttle.failed("user19", HOME)).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.locked("ada", HOME)).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.locked("ada", AWAY)).isEmpty();
    }

    @Test
    void unknownAndKnownUsernamesAreCountedAlike() {
        // the throttle never asks whether an account exists: its answers cannot tell
        for (String name : new String[] {"admin", "no-such-user-anywhere"}) {
            for (int i = 0; i < 4; i++) {
                assertThat(throttle.failed(name, AWAY)).isEmpty();
            }
            assertThat(throttle.failed(name, AWAY)).hasValue(Duration.ofMinutes(1));
        }
    }

    @Test
    void parallelSignInsAreNoMoreGuessesThanSequentialOnes() {
        // two failures already: three more may be checked at once, a fourth waits
        throttle.failed("ada", HOME);
        throttle.failed("ada", HOME);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.begin("ada", AWAY)).as("sign-in %d", i).isEmpty();
        }
        assertThat(throttle.begin("ada", HOME)).hasValue(FailedSignInThrottle.BUSY);
        // the three fail: no place opens between a failure and its count, and the fifth failure
        // starts the lockout: nothing more is checked
        assertThat(throttle.failed("ada", AWAY, true)).isEmpty();
        assertThat(throttle.begin("ada", HOME)).hasValue(FailedSignInThrottle.BUSY);
        assertThat(throttle.failed("ada", AWAY, true)).isEmpty();
        assertThat(throttle.begin("ada", HOME)).hasValue(FailedSignInThrottle.BUSY);
        assertThat(throttle.failed("ada", AWAY, true)).hasValue(Duration.ofMinutes(1));
        assertThat(throttle.begin("ada", HOME)).hasValue(Duration.ofMinutes(1));
    }

    @Test
    void aSignInRefusedOnOtherGroundsGivesBackItsPlace() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.begin("ada", HOME)).isEmpty();
        }
        assertThat(throttle.begin("ada", HOME)).hasValue(FailedSignInThrottle.BUSY);
        throttle.abandoned("ada", HOME);
        assertThat(throttle.begin("ada", HOME)).isEmpty();
        // the owner signs in while four other sign-ins with the name are being checked: their places stay taken
        throttle.succeeded("ada", HOME, true);
        assertThat(throttle.begin("ada", HOME)).isEmpty();
        assertThat(throttle.begin("ada", HOME)).hasValue(FailedSignInThrottle.BUSY);
    }

    @Test
    void makingRoomNeverForgetsALockout() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("victim", HOME);
        }
        assertThat(throttle.locked("victim", AWAY)).hasValue(Duration.ofMinutes(1));
        // the attacker fills the usernames' table from many addresses, one failure each
        for (int i = 0; i < FailedSignInThrottle.MAX_KEYS + 10; i++) {
            throttle.failed("fake" + i, "2001:db8::" + Integer.toHexString(i));
        }
        assertThat(throttle.locked("victim", AWAY)).hasValue(Duration.ofMinutes(1));
        // and a new user is not locked out because the table is full
        assertThat(throttle.begin("newcomer", AWAY)).isEmpty();
    }

    @Test
    void refusesLimitsThatCouldNeverAllowOrNeverEnd() {
        assertThatThrownBy(
                        () -> new FailedSignInThrottle(0, 20, Duration.ofMinutes(1), Duration.ofMinutes(1), nanos::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failed-sign-in-limit");
        assertThatThrownBy(() -> new FailedSignInThrottle(5, 20, Duration.ZERO, Duration.ofMinutes(1), nanos::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failed-sign-in-window");
    }
}
