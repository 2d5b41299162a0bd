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
    void theTopLevelHelpGivesTheExitCodesEveryCommandSharesAndWhereToLookNext() {
        CliRun help = CliRun.run("--help");
        assertThat(help.exit()).isZero();
        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text)
                .contains("Exit codes (every command; docs/contracts.md section 4):")
                .contains("0 success, or the check found nothing")
                .contains("1 the check found something")
                .contains("2 usage error or unreadable input, or a request the server refused (403 and other 4xx)")
                .contains("3 server unreachable, token refused (401) or a server error (5xx)")
                .contains("'tandem COMMAND --help' explains a command")
                .contains("--token env:NAME reads the variable NAME");
    }

    @Test
    void commandsWithoutAnExitCodeListOfTheirGroupGiveTheirOwn() {
        for (String[] args : new String[][] {
            {"evidence", "add", "--help"},
            {"evidence", "pull-back", "--help"},
            {"ledger", "keygen", "--help"},
            {"witness", "serve", "--help"}
        }) {
            CliRun r = CliRun.run(args);
            assertThat(r.exit()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("Exit codes:", "  0   ", "  2   ");
        }
        assertThat(CliRun.run("evidence", "add", "--help").out().replaceAll("\\s+", " "))
                .contains("1 the server recorded another SHA-256 than the file's")
                .contains("3 server unreachable, token refused or server error");
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
