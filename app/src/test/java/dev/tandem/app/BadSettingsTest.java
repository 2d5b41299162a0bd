package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tandem serve} with a bad setting: one line naming the setting (environment variable and
 * property), what is wrong and what is expected; exit 2; nothing created (docs/operations.md,
 * "Start-up"). Settings are given as system properties, which Spring reads as it reads the
 * environment; one case runs the executable with a real environment variable.
 */
@Timeout(120)
class BadSettingsTest {
    @TempDir
    Path dir;

    @Test
    void aDurationThatIsNoneNamesTheSettingAndTheForm() {
        assertThat(refused("tandem.security.failed-token-window", "fifteen-minutes"))
                .isEqualTo("tandem serve: TANDEM_SECURITY_FAILED_TOKEN_WINDOW (tandem.security.failed-token-window)"
                        + " is \"fifteen-minutes\": not a duration; expected ISO 8601 such as PT15M or PT1H,"
                        + " or a number with a unit such as 15m, 30s or 1h");
    }

    @Test
    void aByteSizeOfAnUnknownUnitNamesTheUnitsThatAre() {
        assertThat(refused("tandem.evidence.max-bytes", "64G"))
                .isEqualTo("tandem serve: TANDEM_EVIDENCE_MAX_BYTES (tandem.evidence.max-bytes) is \"64G\":"
                        + " unknown unit \"G\"; expected a whole number of bytes, or one with a unit: KiB, MiB, GiB,"
                        + " TiB (powers of 1024) or KB, MB, GB, TB (powers of 1000), such as 64GiB");
        assertThat(refused("tandem.evidence.min-free-bytes", "lots"))
                .isEqualTo("tandem serve: TANDEM_EVIDENCE_MIN_FREE_BYTES (tandem.evidence.min-free-bytes) is"
                        + " \"lots\": not a byte size; expected a whole number of bytes, or one with a unit:"
                        + " KiB, MiB, GiB, TiB (powers of 1024) or KB, MB, GB, TB (powers of 1000), such as 64GiB");
        assertThat(refused("tandem.api.max-body-bytes", "1.5MiB"))
                .startsWith("tandem serve: TANDEM_API_MAX_BODY_BYTES (tandem.api.max-body-bytes) is \"1.5MiB\":"
                        + " not a byte size; expected a whole number");
    }

    @Test
    void aPortThatIsNone() {
        assertThat(refused("server.port", "abc"))
                .isEqualTo("tandem serve: SERVER_PORT (server.port) is \"abc\": not a port; expected 1 to 65535,"
                        + " or 0 for a free one");
        assertThat(refused("server.port", "70000"))
                .isEqualTo("tandem serve: SERVER_PORT (server.port) is 70000: not a port; expected 1 to 65535,"
                        + " or 0 for a free one");
        Path data = dir.resolve("data");
        String[] args = {"serve", "--data-dir", data.toString(), "--port", "99999"};
        StringWriter err = new StringWriter();
        assertThat(Commands.execute(args, err)).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(err.toString())
                .isEqualTo("tandem serve: --port 99999 is not a port; expected 1 to 65535, or 0 for a free one"
                        + System.lineSeparator());
        assertThat(data).doesNotExist();
    }

    @Test
    void aSigningKeyThatIsNoneIsNotRepeated() {
        assertThat(refused("tandem.ledger.signing-key", "garbage"))
                .startsWith("tandem serve: TANDEM_LEDGER_SIGNING_KEY (tandem.ledger.signing-key) is not a signing key")
                .contains("PRIVATE+KEY+")
                .doesNotContain("garbage");
    }

    @Test
    void anAdministratorTokenTooShortIsRefusedWithItsLengthNotItsValue() {
        // refused before the data directory, the database and the ledger's key are created, as any bad setting
        assertThat(refused("tandem.admin-token", "admin12345"))
                .isEqualTo("tandem serve: TANDEM_ADMIN_TOKEN (tandem.admin-token) has 10 characters: too short for an"
                        + " administrator's token; expected at least 16, such as the output of: openssl rand -base64"
                        + " 24")
                .doesNotContain("admin12345");
    }

    @Test
    void aDatabaseUrlOfNoKnownDatabase() {
        assertThat(refused("spring.datasource.url", "jdbc:postgrs://db:5432/tandem?password=hunter2"))
                .isEqualTo("tandem serve: SPRING_DATASOURCE_URL (spring.datasource.url) is"
                        + " \"jdbc:postgrs://db:5432/tandem?password=…\": not a database this server knows;"
                        + " expected jdbc:postgresql://HOST:PORT/DATABASE, or unset for the embedded database in"
                        + " the data directory");
    }

    @Test
    void aDatabaseNobodyAnswersAt() {
        assertThat(refused("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/tandem"))
                .startsWith("tandem serve: SPRING_DATASOURCE_URL (spring.datasource.url): cannot reach the database"
                        + " at jdbc:postgresql://127.0.0.1:1/tandem (")
                .endsWith("); is PostgreSQL running there and the host and port right?");
    }

    @Test
    void aRoleTheDatabaseRefusesIsNamedAndThePasswordIsNot() {
        String url = System.getenv().getOrDefault("TANDEM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", 5432), 2000);
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no PostgreSQL at 127.0.0.1:5432");
        }
        System.setProperty("spring.datasource.username", "no_such_tandem_role");
        System.setProperty("spring.datasource.password", "hunter2");
        try {
            assertThat(refused("spring.datasource.url", url))
                    .startsWith("tandem serve: the database at " + url + " refused the role \"no_such_tandem_role\" (")
                    .endsWith("); check SPRING_DATASOURCE_USERNAME (spring.datasource.username) and"
                            + " SPRING_DATASOURCE_PASSWORD (spring.datasource.password)")
                    .doesNotContain("hunter2");
        } finally {
            System.clearProperty("spring.datasource.username");
            System.clearProperty("spring.datasource.password");
        }
    }

    @Test
    void anIdentityProviderNobodyAnswersAt() {
        String property = "spring.security.oauth2.client.provider.corp.issuer-uri";
        System.setProperty("spring.security.oauth2.client.registration.corp.client-id", "tandem");
        try {
            assertThat(refused(property, "http://127.0.0.1:1/realms/corp"))
                    .startsWith("tandem serve: SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_CORP_ISSUER_URI (" + property
                            + "): cannot reach the identity provider at http://127.0.0.1:1/realms/corp (")
                    .endsWith("); is it up, and the address right?");
        } finally {
            System.clearProperty("spring.security.oauth2.client.registration.corp.client-id");
        }
    }

    @Test
    void theExecutableWithABadEnvironmentVariablePrintsOneLineAndNoStackTrace()
            throws IOException, InterruptedException {
        Path data = dir.resolve("env-data");
        ProcessBuilder pb = Commands.serveProcess(data, dir);
        pb.environment().put("TANDEM_SECURITY_FAILED_TOKEN_WINDOW", "fifteen-minutes");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(TandemCommand.EXIT_USAGE);
        List<String> err = Files.readAllLines(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(err)
                .containsExactly("tandem serve: TANDEM_SECURITY_FAILED_TOKEN_WINDOW"
                        + " (tandem.security.failed-token-window) is \"fifteen-minutes\": not a duration; expected"
                        + " ISO 8601 such as PT15M or PT1H, or a number with a unit such as 15m, 30s or 1h");
        assertThat(Files.readString(dir.resolve("out")))
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(data).doesNotExist();
    }

    /** What {@code tandem serve} prints with {@code property=value}; asserts exit 2 and no data directory. */
    private String refused(String property, String value) {
        Path data = dir.resolve("data-" + property);
        // --port would override server.port; elsewhere it keeps a server that did start off port 8080
        String[] args = property.equals("server.port")
                ? new String[] {"serve", "--data-dir", data.toString()}
                : new String[] {"serve", "--data-dir", data.toString(), "--port", "0"};
        StringWriter err = new StringWriter();
        String before = System.getProperty(property);
        System.setProperty(property, value);
        try {
            assertThat(Commands.execute(args, err)).as(property).isEqualTo(TandemCommand.EXIT_USAGE);
        } finally {
            if (before == null) System.clearProperty(property);
            else System.setProperty(property, before);
        }
        assertThat(data).as("nothing created").doesNotExist();
        String line = err.toString();
        assertThat(line).as("one line").endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        return line.strip();
    }
}
