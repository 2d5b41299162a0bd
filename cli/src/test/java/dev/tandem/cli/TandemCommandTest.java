package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.evidence.EvidenceKind;
import org.junit.jupiter.api.Test;

class TandemCommandTest {

    @Test
    void noCommandIsAUsageErrorWithTheUsageOnStandardError() {
        for (String[] args : new String[][] {{}, {"ledger"}, {"evidence"}, {"witness"}, {"vault"}, {"bench"}}) {
            CliRun r = CliRun.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(TandemCommand.EXIT_USAGE);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("Missing command: give one of the commands listed below.", "Usage: tandem");
        }
        CliRun help = CliRun.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .contains("Usage: tandem", "verify       Verifies an export bag offline, without the server.");
    }

    @Test
    void theLedgerCommandListsVerifyWithAWholeSentence() {
        assertThat(CliRun.run("ledger", "--help").out())
                .contains("verify  Checks a server's ledger against its signed checkpoint.");
    }

    @Test
    void evidenceAddListsTheKindsTheServerAcceptsAndDescribesEveryOption() {
        CliRun r = CliRun.run("evidence", "add", "--help");
        assertThat(r.exit()).isZero();
        String help = r.out().replaceAll("\\s+", " ");
        for (EvidenceKind k : EvidenceKind.values()) {
            assertThat(help).contains(k.name());
        }
        assertThat(help)
                .contains("--incident=ID The incident to add the files to.")
                .contains("--description=TEXT What the files are");
    }
}
