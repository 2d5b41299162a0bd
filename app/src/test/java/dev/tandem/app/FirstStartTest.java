package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.identity.Accounts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code tandem serve} tells the first user about getting in (README, "Your own incident"). */
class FirstStartTest {
    private static final String URL = "http://localhost:8080";

    @Test
    void aServerWithNoAccountSaysHowTheAdministratorIsMade() {
        String hint = FirstStart.hint(List.of(), URL);
        assertThat(hint)
                .startsWith("No accounts yet: nobody can sign in at http://localhost:8080/login or call the API.")
                .contains("TANDEM_ADMIN_TOKEN=\"$(openssl rand -base64 24)\" ./tandem serve")
                .contains("at least 16 characters")
                .endsWith("\n");
    }

    @Test
    void aServerWithOnlyTheAdministratorSaysHowPeopleAreCreatedAndGetTheirTokens() {
        String hint = FirstStart.hint(List.of(new Accounts.User("admin", "Administrator", true, false)), URL);
        assertThat(hint)
                .startsWith("Only the administrator \"admin\" has an account.")
                .contains("http://localhost:8080/api/v1/users -d '{\"username\":\"alice\"")
                .contains("signs in at http://localhost:8080/login and issues an API token at"
                        + " http://localhost:8080/account/tokens");
    }

    @Test
    void aServerWithPeopleSaysNothingMore() {
        assertThat(FirstStart.hint(
                        List.of(
                                new Accounts.User("admin", "Administrator", true, false),
                                new Accounts.User("alice", "Alice", false, false)),
                        URL))
                .isEmpty();
        // a user named admin who is no administrator is a person like any other
        assertThat(FirstStart.hint(List.of(new Accounts.User("admin", "Ann Admin", false, false)), URL))
                .isEmpty();
    }
}
