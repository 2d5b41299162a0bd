package dev.tandem.cli.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.cli.CliRun;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where {@code tandem account add --password} reads a password from, and what it refuses before
 * anything is sent (docs/contracts.md §4); the calls themselves are AccountCliH2IT's.
 */
class AccountCommandTest {
    private static final Map<String, String> ENV = Map.of("ALICE_PW", "correct horse battery", "SHORT", "hunter2");

    @Test
    void readsTheVariableOrStandardInputAndGeneratesALongRandomOne() throws Exception {
        assertThat(AccountCommand.password("env:ALICE_PW", "alice", ENV::get, () -> null))
                .isEqualTo("correct horse battery");
        assertThat(AccountCommand.password("-", "alice", ENV::get, () -> "from standard input"))
                .isEqualTo("from standard input");
        String one = AccountCommand.password("generate", "alice", ENV::get, () -> null);
        String two = AccountCommand.password("generate", "alice", ENV::get, () -> null);
        assertThat(one).hasSize(24).matches("[A-Za-z0-9_-]+").isNotEqualTo(two);
    }

    @Test
    void refusesAPasswordGivenOnTheCommandLineOrTooWeakWithoutShowingIt() {
        assertThatThrownBy(() -> AccountCommand.password("hunter2hunter2", "alice", ENV::get, () -> null))
                .hasMessageStartingWith("--password: give env:NAME, file:PATH, - (standard input) or generate")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> AccountCommand.password("env:SHORT", "alice", ENV::get, () -> null))
                .hasMessage("--password env:SHORT: the password in the environment variable SHORT has 7 character(s);"
                        + " at least 12 are needed");
        assertThatThrownBy(() -> AccountCommand.password("-", "alice", ENV::get, () -> "Alice-in-wonderland"))
                .hasMessage("--password -: the password in standard input contains the username; choose another");
        assertThatThrownBy(() -> AccountCommand.password("env:NONE", "alice", ENV::get, () -> null))
                .hasMessage("--password env:NONE: the environment variable NONE is not set");
    }

    @Test
    void aMalformedUsernameIsAUsageErrorNamingItAndNothingIsSent() {
        // no server listens on port 9: a request sent would be exit 3, not this usage error
        CliRun r = CliRun.run("account", "add", "Alice Smith", "--server", "http://127.0.0.1:9", "--token", "t");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("tandem account add: USERNAME: must be 1-100 of a-z 0-9 . _ - starting with a letter or"
                        + " digit, got 'Alice Smith'\n");
    }
}
