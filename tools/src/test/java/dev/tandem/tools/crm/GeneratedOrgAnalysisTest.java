package dev.tandem.tools.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.leak.AnalysisInput;
import dev.tandem.leak.AnalysisResult;
import dev.tandem.leak.Finding;
import dev.tandem.leak.LeakAnalyzer;
import dev.tandem.leak.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GeneratedOrgAnalysisTest {
    @TempDir
    static Path dir;

    static AnalysisResult result;
    static CrmOrgGenerator.Summary summary;

    @BeforeAll
    static void generateAndAnalyze() throws IOException, InterruptedException {
        summary = CrmOrgGenerator.generate(CrmOrgGenerator.Settings.of(42, 120, 30_000), dir);
        List<AnalysisInput> inputs;
        try (Stream<Path> files = Files.walk(dir)) {
            inputs = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().equals("labels.json"))
                    .sorted()
                    .map(p -> AnalysisInput.of(dir.relativize(p).toString(), p))
                    .toList();
        }
        result = new LeakAnalyzer().analyze(inputs, ProgressListener.NONE);
        result.findings()
                .forEach(f -> System.out.println(f.severity() + " " + f.pattern() + " " + f.subject() + " "
                        + f.records() + "\n   " + f.title() + "\n   " + f.evidence() + "\n   " + f.rationale()));
        result.problems().forEach(p -> System.out.println("problem: " + p));
    }

    static Stream<Label> incidents() {
        return CrmOrgGenerator.labels().stream().filter(Label::expected);
    }

    static Stream<Label> lookalikes() {
        return CrmOrgGenerator.labels().stream().filter(l -> !l.expected());
    }

    private static boolean matches(Finding f, Label l) {
        return f.pattern().name().equals(l.pattern())
                && f.subject().kind().name().equals(l.subjectKind())
                && f.subject().id().equals(l.subjectId());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incidents")
    void findsEachInjectedIncidentWithItsPatternAndSubject(Label incident) {
        assertThat(result.findings())
                .anySatisfy(f -> assertThat(matches(f, incident)).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookalikes")
    void doesNotReportLookalikes(Label lookalike) {
        assertThat(result.findings())
                .noneSatisfy(f -> assertThat(matches(f, lookalike)).isTrue());
    }

    @Test
    void reportsNothingBeyondTheInjectedIncidents() {
        assertThat(result.findings()).hasSize((int) incidents().count());
        assertThat(result.findings())
                .allSatisfy(f ->
                        assertThat(incidents().anyMatch(l -> matches(f, l))).isTrue());
    }

    @Test
    void countsEachBulkApi2JobOfTheHijackedSessionOnce() {
        // two query jobs, each logged at UploadComplete, InProgress and JobComplete, and the report run
        assertThat(result.findings())
                .filteredOn(f -> f.subject().id().equals(CrmOrgGenerator.HIJACKED_ADMIN)
                        && f.pattern() == dev.tandem.leak.LeakPattern.ADMIN_SESSION_BULK_EXTRACTION)
                .singleElement()
                .satisfies(f -> assertThat(f.records()).isEqualTo(212_000L + 64_000L + 48_000L));
    }

    @Test
    void theLoginHistoryAndTheSetupAuditTrailExplainTheHijackAndDateTheGrant() {
        assertThat(result.inputs())
                .extracting(i -> i.file() + " " + i.format())
                .contains(
                        "setup/LoginHistory.csv salesforce-login-history",
                        "setup/SetupAuditTrail.csv salesforce-setup-audit-trail");
        Finding hijack = result.findings().stream()
                .filter(f -> f.pattern() == dev.tandem.leak.LeakPattern.ADMIN_SESSION_BULK_EXTRACTION)
                .findFirst()
                .orElseThrow();
        assertThat(hijack.rationale())
                .contains("Login History: 5 failed logins (Invalid Password) in the hour before the successful login")
                .contains("Login History: login from country DE, outside the user's usual US")
                .contains("Setup Audit Trail: permission set assigned (\"Permission set Bulk_Data_Export: assigned to"
                        + " user Dana Whitfield (" + CrmOrgGenerator.HIJACKED_ADMIN + ")\")");
        assertThat(hijack.evidence()).anySatisfy(e -> assertThat(e.file()).isEqualTo("setup/LoginHistory.csv"));
        Finding grant = result.findings().stream()
                .filter(f -> f.pattern() == dev.tandem.leak.LeakPattern.DATA_ACCESS_GRANT)
                .findFirst()
                .orElseThrow();
        assertThat(grant.severity()).isEqualTo(dev.tandem.leak.Severity.CRITICAL);
        assertThat(grant.title()).contains("before the extraction by " + CrmOrgGenerator.HIJACKED_ADMIN);
        // the grant, the takeover's login and the extraction, in that order, with their times
        assertThat(result.timeline())
                .filteredOn(e -> e.subject().equals(CrmOrgGenerator.HIJACKED_ADMIN))
                .extracting(dev.tandem.leak.TimelineEntry::kind)
                .containsExactly("login", "setup-change", "extraction");
    }

    /** Event log times as the generated files write them, and the Setup downloads'. */
    private static final java.time.format.DateTimeFormatter LOG_TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyyMMddHHmmss.SSS", java.util.Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    private static final java.time.format.DateTimeFormatter SETUP_TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "M/d/yyyy, h:mm:ss a 'GMT'", java.util.Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    /**
     * Every timeline entry cites the row whose time it shows (docs/analysis-api.md, "The timeline"):
     * the cited line of the generated file holds the entry's time, and the lines next to it do not
     * (a row a second or more away), so a line off by one fails.
     */
    @Test
    void everyTimelineEntryCitesTheRowOfItsTime() throws IOException {
        assertThat(result.timeline()).extracting(e -> e.kind()).contains("login", "setup-change", "extraction");
        for (dev.tandem.leak.TimelineEntry e : result.timeline()) {
            List<String> lines = Files.readAllLines(dir.resolve(e.source().file()));
            int at = (int) e.source().line();
            assertThat(at).as("%s", e).isBetween(2, lines.size());
            String time = e.source().file().startsWith("setup/")
                    ? "\"" + SETUP_TIME.format(e.at()) + "\""
                    : "\"" + LOG_TIME.format(e.at()) + "\"";
            assertThat(lines.get(at - 1))
                    .as("line %d of %s, cited by %s", at, e.source().file(), e)
                    .contains(time);
        }
    }

    /** The integration finding's extraction runs from its sessions' first read, not from their logins. */
    @Test
    void theIntegrationsExtractionIsDatedByItsReads() {
        Finding sync = result.findings().stream()
                .filter(f -> f.pattern() == dev.tandem.leak.LeakPattern.OVERPERMISSIONED_INTEGRATION_SYNC)
                .findFirst()
                .orElseThrow();
        java.time.Instant firstRead = result.timeline().stream()
                .filter(e -> e.kind().equals("extraction")
                        && e.subject().equals(sync.subject().id()))
                .map(dev.tandem.leak.TimelineEntry::at)
                .min(java.util.Comparator.naturalOrder())
                .orElseThrow();
        assertThat(sync.rationale()).contains(" from " + firstRead + " to ");
    }

    @Test
    void readsEveryGeneratedFileWithoutProblems() {
        assertThat(result.problems()).isEmpty();
        assertThat(result.inputs()).noneSatisfy(i -> assertThat(i.format()).isIn("unknown", "csv", "json"));
    }
}
