package dev.tandem.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import dev.tandem.cli.TandemCommand;
import dev.tandem.ledger.NoteSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tandem ledger keygen}: a key the server reads, and its verifier key. */
class LedgerKeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsAPrivateKeyTheServerReadsAndItsVerifierKeyOnStderr() {
        CliRun run = CliRun.run("ledger", "keygen", "tandem.example.com/incidents");
        assertThat(run.exit()).isEqualTo(TandemCommand.EXIT_OK);
        NoteSigner key = NoteSigner.fromPrivateKey(run.out().strip());
        assertThat(key.keyName()).isEqualTo("tandem.example.com/incidents");
        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.err()).isEqualTo("verifier key: " + key.verifierKey() + System.lineSeparator());
        CliRun unnamed = CliRun.run("ledger", "keygen");
        assertThat(NoteSigner.fromPrivateKey(unnamed.out().strip()).keyName()).matches("tandem/[0-9a-f]{8}");
    }

    @Test
    void writesANewOwnerOnlyFileAndNeverOverwritesOne() throws IOException {
        Path file = dir.resolve("signing.key");
        CliRun run = CliRun.run("ledger", "keygen", "tandem/prod", "--out", file.toString());
        assertThat(run.exit()).isEqualTo(TandemCommand.EXIT_OK);
        NoteSigner key = NoteSigner.fromPrivateKey(Files.readString(file).strip());
        assertThat(run.out()).isEqualTo("verifier key: " + key.verifierKey() + System.lineSeparator());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        String before = Files.readString(file);
        CliRun again = CliRun.run("ledger", "keygen", "tandem/prod", "--out", file.toString());
        assertThat(again.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(again.err()).contains(file + " exists");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aNameWithASpaceIsRefused() {
        CliRun run = CliRun.run("ledger", "keygen", "my log");
        assertThat(run.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(run.err()).startsWith("tandem ledger keygen: invalid key name \"my log\"");
        assertThat(run.out()).isEmpty();
    }
}
