package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.ServerCli;
import dev.tandem.server.ServerCli.Cli;
import dev.tandem.server.TestUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tandem account add|list|token} driving a real server (docs/contracts.md §4): the
 * administrator adds a person with a password from a file or a generated one, printed once, and
 * lists the people; a password on the command line, a short one or one holding the username and a
 * malformed username are refused before anything is sent, naming the argument; the person issues
 * their own token, printed once, which the server then accepts, and the administrator issues none
 * for them; each refusal one line with its problem type. Run on H2 by the subclass.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + AccountCliContract.TOKEN, "logging.level.dev.tandem=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountCliContract {
    static final String TOKEN = "account-cli-admin-token-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Accounts accounts;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    Api admin;
    String tag;

    @BeforeAll
    void setUp() {
        admin = new Api("http://127.0.0.1:" + port, TOKEN);
        tag = Long.toString(System.nanoTime(), 36);
    }

    /** One run of the {@code tandem} command line against this server with {@code token}. */
    Cli cli(String token, String... args) {
        return ServerCli.run(port, token, args);
    }

    @Test
    void theAdministratorAddsAPersonWhoIssuesTheirOwnToken() throws Exception {
        String alice = "alice-" + tag;
        Path secret = Files.writeString(dir.resolve("alice.pw"), "correct horse battery staple\n");
        Cli added = cli(
                TOKEN, "account", "add", alice, "--display-name", "Alice (counsel)", "--password", "file:" + secret);
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.err()).isEmpty();
        assertThat(added.out())
                .startsWith("created user " + alice + " (Alice (counsel))\n")
                .contains("next: they sign in at http://127.0.0.1:" + port + "/login")
                .contains("tandem incident members add " + alice + " --incident ID --role ROLE")
                .doesNotContain("correct horse");
        assertThat(accounts.passwordMatches(alice, "correct horse battery staple"))
                .isTrue();

        Cli list = cli(TOKEN, "account", "list");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).startsWith("USERNAME").containsPattern(alice + " +Alice \\(counsel\\) +no +no");

        Cli again = cli(TOKEN, "account", "add", alice);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err())
                .isEqualTo("tandem account add: the server answered 409: user " + alice + " exists (user-exists)\n");

        // the person issues their own token, printed once; the administrator issues none for them
        String first = TestUsers.token(accounts, alice, "first");
        Cli issued = cli(first, "account", "token", alice, "--label", "laptop");
        assertThat(issued.exit()).as(issued.err()).isZero();
        assertThat(issued.err()).isEmpty();
        String[] lines = issued.out().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0])
                .startsWith("issued token ")
                .contains(" to " + alice + " (laptop), ")
                .endsWith("; shown once, stored only hashed: keep it now");
        assertThat(admin.as(lines[1]).get("/api/v1/incidents").status()).isEqualTo(200);
        assertThat(accounts.tokens(alice)).extracting(Accounts.Token::label).contains("laptop");

        Cli forOther = cli(TOKEN, "account", "token", alice);
        assertThat(forOther.exit()).isEqualTo(2);
        assertThat(forOther.out()).isEmpty();
        assertThat(forOther.err())
                .startsWith("tandem account token: not allowed for this token's user (403): ")
                .endsWith("(forbidden; each person issues their own tokens: use " + alice + "'s token)\n");

        Cli notAdmin = cli(first, "account", "list");
        assertThat(notAdmin.exit()).isEqualTo(2);
        assertThat(notAdmin.err()).endsWith("(forbidden)\n");
    }

    @Test
    void aGeneratedPasswordIsPrintedOnceAndWorks() {
        String bob = "bob-" + tag;
        Cli added = cli(TOKEN, "account", "add", bob, "--password", "generate", "--format", "json");
        assertThat(added.exit()).as(added.err()).isZero();
        JsonNode answer = JSON.readTree(added.out());
        assertThat(answer.path("username").asString()).isEqualTo(bob);
        String password = answer.path("password").asString();
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        assertThat(accounts.passwordMatches(bob, password)).isTrue();

        String carol = "carol-" + tag;
        Cli text = cli(TOKEN, "account", "add", carol, "--password", "generate");
        assertThat(text.exit()).as(text.err()).isZero();
        String line = text.out()
                .lines()
                .filter(l -> l.startsWith("password (shown once"))
                .findFirst()
                .orElseThrow();
        assertThat(accounts.passwordMatches(carol, line.substring(line.lastIndexOf(' ') + 1)))
                .isTrue();
    }

    @Test
    void weakOrExposedInputIsRefusedNamingItsArgumentAndNothingIsCreated() throws Exception {
        String dave = "dave-" + tag;
        Cli literal = cli(TOKEN, "account", "add", dave, "--password", "hunter2hunter2hunter2");
        assertThat(literal.exit()).isEqualTo(2);
        assertThat(literal.err())
                .isEqualTo("tandem account add: --password: give env:NAME, file:PATH, - (standard"
                        + " input) or generate, not the password itself: a command line is visible to every user of this"
                        + " machine\n");
        assertThat(literal.out()).isEmpty();

        Path shortOne = Files.writeString(dir.resolve("short.pw"), "hunter2\n");
        Cli weak = cli(TOKEN, "account", "add", dave, "--password", "file:" + shortOne);
        assertThat(weak.exit()).isEqualTo(2);
        assertThat(weak.err())
                .isEqualTo("tandem account add: --password file:" + shortOne + ": the password in the" + " file "
                        + shortOne + " has 7 character(s); at least 12 are needed\n");

        Path named = Files.writeString(dir.resolve("named.pw"), "my-name-is-" + dave + "\n");
        Cli withName = cli(TOKEN, "account", "add", dave, "--password", "file:" + named);
        assertThat(withName.exit()).isEqualTo(2);
        assertThat(withName.err())
                .endsWith(": the password in the file " + named + " contains the username;" + " choose another\n");

        Cli unset = cli(TOKEN, "account", "add", dave, "--password", "env:TANDEM_NO_SUCH_VARIABLE_" + tag);
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err()).contains("is not set");

        Cli badName = cli(TOKEN, "account", "add", "Dave Smith");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(badName.err())
                .isEqualTo("tandem account add: USERNAME: must be 1-100 of a-z 0-9 . _ - starting"
                        + " with a letter or digit, got 'Dave Smith'\n");

        Cli badMail = cli(TOKEN, "account", "add", dave, "--email", "dave");
        assertThat(badMail.exit()).isEqualTo(2);
        assertThat(badMail.err()).contains("--email: must be an address");

        Cli badExpiry = cli(TOKEN, "account", "token", "admin", "--expires-at", "tomorrow");
        assertThat(badExpiry.exit()).isEqualTo(2);
        assertThat(badExpiry.err()).contains("--expires-at: must be an RFC 3339 time");

        assertThat(accounts.exists(dave)).isFalse();
    }
}
