package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.Problem;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a Salesforce administrator collects during a leak, written by hand as the org writes it
 * ({@code analyzers/src/test/resources/sfadmin}): Event Log Files with a UTF-8 byte-order mark,
 * CRLF line ends, every field quoted, columns of other API versions, {@code USER_ID} (15
 * characters) empty on some rows and {@code USER_ID_DERIVED} (18) on all; the Setup downloads in
 * US English with the admin's zone; a User export from Data Loader and a users report from the
 * Reports tab; query exports naming a user by id in either form. Each folder is one capture, read as
 * {@code tandem analyze} reads it.
 */
class AdminCapturesTest {

    private static AnalysisResult analyze(String folder) throws IOException, InterruptedException {
        Path dir;
        try {
            dir = Path.of(Objects.requireNonNull(AdminCapturesTest.class.getResource("/sfadmin/" + folder), folder)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        List<AnalysisInput> inputs = files.stream()
                .map(p -> AnalysisInput.of(p.getFileName().toString(), p))
                .toList();
        return new LeakAnalyzer().analyze(inputs, ProgressListener.NONE);
    }

    @Test
    void aTakeoverReadFromTheOrgsOwnFilesIsOneUserWhateverFormItsIdTakes() throws Exception {
        AnalysisResult r = analyze("takeover");

        // jdoe by USER_ID (15), by USER_ID_DERIVED alone (18), by username in the downloads: one user;
        // mwong, named only by the Setup Audit Trail, the other
        assertThat(r.stats().users()).isEqualTo(2);
        assertThat(r.findings())
                .filteredOn(f -> f.pattern() == LeakPattern.ADMIN_SESSION_BULK_EXTRACTION)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.subject().id()).isEqualTo("jdoe@acme.com");
                    // the job's JobComplete count, once; its InProgress row and the row with only
                    // USER_ID_DERIVED belong to the same session
                    assertThat(f.records()).isEqualTo(84_211L);
                    assertThat(f.rationale())
                            .contains("against a usual 12 a day")
                            .contains("3 failed logins (Invalid Password)")
                            .contains("at 2026-12-03 14:15 UTC");
                });
        // the Setup Audit Trail's 6:16 AM PST is 14:16 UTC, five minutes before the job's first rows
        assertThat(r.findings())
                .filteredOn(f -> f.pattern() == LeakPattern.DATA_ACCESS_GRANT)
                .extracting(Finding::title)
                .containsExactlyInAnyOrder(
                        "View All Data given to permission set Export_All by jdoe@acme.com at 2026-12-03 14:16 UTC,"
                                + " 5 min before the extraction by jdoe@acme.com",
                        "Permission set Export_All assigned to jdoe@acme.com by jdoe@acme.com at 2026-12-03 14:16"
                                + " UTC, 5 min before the extraction by jdoe@acme.com");
        assertThat(r.problems())
                .extracting(Problem::kind)
                .containsExactlyInAnyOrder(
                        Problem.Kind.UNSUPPORTED_EVENT_TYPE, Problem.Kind.TIMES_ASSUMED, Problem.Kind.TIMES_ASSUMED);
        assertThat(r.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.UNSUPPORTED_EVENT_TYPE)
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("LightningInteraction"));
    }

    @Test
    void anActionWithALineBreakAndARowWithoutUserAreReadAndSaidSo() throws Exception {
        AnalysisResult r = analyze("trail-line-breaks");

        Finding f = r.findings().stream()
                .filter(x -> x.pattern() == LeakPattern.DATA_ACCESS_GRANT)
                .findFirst()
                .orElseThrow();
        assertThat(r.findings()).hasSize(1);
        assertThat(f.subject().id()).isEqualTo("Export_All");
        // the Action quoted over two lines opens API Enabled as the one-line text would
        assertThat(f.rationale())
                .contains("\"Changed permission set Export_All: API Enabled was changed from disabled to enabled\""
                        + " by jdoe@acme.com");
        assertThat(f.title())
                .isEqualTo("Modify All Data given to permission set Export_All by an unnamed user (the row's User is"
                        + " empty) at 2026-12-03 14:18 UTC");
        assertThat(r.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.MALFORMED_ROW)
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.line()).isEqualTo(6);
                    assertThat(p.message()).isEqualTo("setup change without Action (column 4)");
                });
    }

    @Test
    void aUsersReportFromTheReportsTabNamesTheAdministratorAndItsFooterIsNoRow() throws Exception {
        AnalysisResult r = analyze("users-report");

        assertThat(r.problems()).isEmpty();
        assertThat(r.inputs())
                .filteredOn(i -> i.file().equals("Active-Users-report.csv"))
                .extracting(AnalyzedInput::format)
                .containsExactly("salesforce-users");
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.ADMIN_SESSION_BULK_EXTRACTION);
            assertThat(f.rationale()).startsWith("administrator (profile System Administrator)");
            assertThat(f.records()).isEqualTo(84_211L);
        });
    }

    @Test
    void aUserGivenByAnIdOf18CharactersInOneExportAnd15InAnotherIsOneUser() throws Exception {
        AnalysisResult r = analyze("ids-both-forms");

        assertThat(r.stats().users()).isEqualTo(1);
        assertThat(r.findings())
                .filteredOn(f -> f.pattern() == LeakPattern.DATA_ACCESS_GRANT)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.title()).endsWith("1 min after the suspicious login of 005Hs00000AbCdE");
                });
    }

    @Test
    void rowsThatCannotBeReadAreNamedWithLineAndColumn() throws Exception {
        AnalysisResult r = analyze("unreadable-rows");

        assertThat(r.problems())
                .filteredOn(p -> p.kind() == Problem.Kind.MALFORMED_ROW)
                .extracting(p -> p.line() + ": " + p.message())
                .containsExactly(
                        "2: ROWS_PROCESSED \"2,000\" (column 8) is no whole number: the row is read with its row count"
                                + " unknown",
                        "3: expected 12 fields, found 11: no value for column 12 (CLIENT_IP)",
                        "4: unreadable TIMESTAMP \"2026-12-03 14:15\" (column 2) and TIMESTAMP_DERIVED \"\" (column"
                                + " 10): expected TIMESTAMP as 20261130015512.345 or TIMESTAMP_DERIVED as"
                                + " 2026-11-30T01:55:12.345Z, in UTC (was the file opened and saved again in a"
                                + " spreadsheet?)",
                        "5: expected 12 fields, found 13: column 13 (value \"\") has no header");
        // the row read with its count unknown and the one dated by TIMESTAMP alone, its 150.0 read as 150
        assertThat(r.stats().events()).isEqualTo(2);
        assertThat(r.stats().users()).isEqualTo(1);
    }

    @Test
    void koreanAndChineseDownloadsWithTheHalfOfTheDayBeforeTheTimeAreRead() throws Exception {
        // Login History in ko_KR (2026. 12. 3. 오후 2:15:16, GMT), the trail in zh_TW (2026/12/3 下午 10:16:20 GMT+08:00)
        AnalysisResult r = analyze("day-half-before-the-time");

        assertThat(r.problems()).isEmpty();
        assertThat(r.findings())
                .filteredOn(f -> f.pattern() == LeakPattern.DATA_ACCESS_GRANT)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
                    assertThat(f.title())
                            .isEqualTo("View All Data given to permission set Export_All by jdoe@acme.com at 2026-12-03"
                                    + " 14:16 UTC, 1 min after the suspicious login of jdoe@acme.com");
                });
        assertThat(r.timeline())
                .extracting(e -> e.at().toString())
                .containsExactly("2026-12-03T14:15:16Z", "2026-12-03T14:16:20Z");
    }

    @Test
    void eachObjectWhoseDefaultIsOpenedIsNamedFromTheWordsBeforeItsSharingModel() throws Exception {
        AnalysisResult r = analyze("sharing-defaults");

        // two objects opened: two findings, each naming its object; the default set back to Private is none
        assertThat(r.findings())
                .filteredOn(f -> f.pattern() == LeakPattern.DATA_ACCESS_GRANT)
                .extracting(f -> f.subject().id())
                .containsExactlyInAnyOrder("Account", "Contact");
    }
}
