package dev.tandem.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import dev.tandem.cli.TandemCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ScanCommandTest {

    @Test
    void jsonlFollowsTheContractWithScopeBeforeTheLastSummaryLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("contacts.csv");
        Files.writeString(
                f, "Email,Phone,MailingState\njane@example.com,+1 415-555-2671,CA\nbob@example.de,+49 30 901820,\n");
        CliRun r = CliRun.run("scan", "--format", "jsonl", "--threads", "2", f.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        List<JsonNode> lines = r.lines();
        JsonNode first = lines.getFirst();
        // the contract's fields in its order, then the confidence it allows (docs/contracts.md §4)
        assertThat(first.propertyNames())
                .containsExactly("kind", "file", "start", "end", "line", "entity", "masked", "confidence");
        assertThat(first.get("confidence").asDouble()).isEqualTo(0.95);
        assertThat(first.get("kind").asString()).isEqualTo("finding");
        assertThat(first.get("file").asString()).isEqualTo(f.toString());
        assertThat(first.get("start").asLong()).isEqualTo(25);
        assertThat(first.get("end").asLong()).isEqualTo(41);
        assertThat(first.get("line").asLong()).isEqualTo(2);
        assertThat(first.get("entity").asString()).isEqualTo("EMAIL_ADDRESS");
        assertThat(first.get("masked").asString()).isEqualTo("j***@example.com");
        assertThat(r.out()).doesNotContain("jane@example.com", "901820");
        JsonNode scope = lines.get(lines.size() - 2);
        assertThat(scope.get("kind").asString()).isEqualTo("scope");
        assertThat(scope.get("subjects").asString()).isEqualTo("DE=1,US-CA=1");
        assertThat(scope.get("people").asLong()).isEqualTo(2);
        JsonNode summary = lines.getLast();
        assertThat(summary.propertyNames())
                .containsExactly("kind", "files", "bytes", "counts", "unique", "minConfidence", "leftOut");
        assertThat(summary.get("minConfidence").asDouble()).isEqualTo(0.5);
        assertThat(summary.get("leftOut").isEmpty()).isTrue();
        assertThat(summary.get("files").asLong()).isEqualTo(1);
        assertThat(summary.get("bytes").asLong()).isEqualTo(Files.size(f));
        assertThat(summary.get("counts").get("PHONE_NUMBER").asLong()).isEqualTo(2);
        assertThat(summary.get("unique").get("EMAIL_ADDRESS").asLong()).isEqualTo(2);
    }

    /** A file given twice is scanned once: its people and findings are not counted twice. */
    @Test
    void aFileGivenTwiceIsScannedOnceAndNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("contacts.csv");
        Files.writeString(f, "Email,MailingState\njane@example.com,CA\nbob@example.com,CA\n");
        CliRun r = CliRun.run("scan", f.toString(), f.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        assertThat(r.err()).isEqualTo("tandem scan: " + f + ": given twice; read once\n");
        assertThat(r.out()).contains("Scanned 1 file(s)").containsPattern("EMAIL_ADDRESS +2 +2");
    }

    /**
     * A folder and a file in it, in either order, or two folders one inside the other: each real file
     * is scanned once, each file named again is one line on stderr, and the output is that of one
     * reading of each file (docs/contracts.md §4, "Additions").
     */
    @Test
    void aFileInAFolderAlsoGivenIsScannedOnceAndNamed(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path f = sub.resolve("contacts.csv");
        Files.writeString(f, "Email,MailingState\njane@example.com,CA\nbob@example.com,CA\n");
        Path g = dir.resolve("more.csv");
        Files.writeString(g, "Email,MailingState\nann@example.com,NY\n");
        CliRun once = CliRun.run("scan", "--format", "jsonl", dir.toString());
        assertThat(once.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        assertThat(once.err()).isEmpty();
        for (String[] args : new String[][] {
            {dir.toString(), f.toString()}, {f.toString(), dir.toString()}, {dir.toString(), sub.toString()}
        }) {
            CliRun r = CliRun.run("scan", "--format", "jsonl", args[0], args[1]);
            assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(TandemCommand.EXIT_FOUND);
            assertThat(r.err())
                    .as(String.join(" ", args))
                    .isEqualTo("tandem scan: " + f + ": given twice; read once\n");
            // the findings, scope and summary of one reading of each file, in the order the files came
            List<String> lines = r.out().lines().toList();
            assertThat(lines.getLast()).isEqualTo(once.out().lines().toList().getLast());
            assertThat(lines.getLast()).contains("\"files\":2,").contains("\"EMAIL_ADDRESS\":3");
            assertThat(r.out().lines().sorted().toList())
                    .isEqualTo(once.out().lines().sorted().toList());
        }
        // a link to a file beside it names that file again: read once too
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), g);
        CliRun linked = CliRun.run("scan", dir.toString());
        assertThat(linked.err()).isEqualTo("tandem scan: " + g + ": the same file as " + link + "; read once\n");
        assertThat(linked.out()).contains("Scanned 2 file(s)").containsPattern("EMAIL_ADDRESS +3 +3");
    }

    @Test
    void doubtfulCardsAreReportedWithTheirDoubtButLeftOutOfCountsAndExitCode(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("orders.log");
        Files.writeString(
                f,
                "tracking 9400 5666 4930 0521 8806 66 shipped\n"
                        + "order #4111111111111111 sku 4006380000094\n"
                        + "acct ES76 4062 0103 0309 7303 5158\n");
        CliRun r = CliRun.run("scan", "--format", "jsonl", f.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_OK);
        List<JsonNode> lines = r.lines();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).get("entity").asString()).isEqualTo("CREDIT_CARD");
        assertThat(lines.get(0).get("doubt").asString()).isEqualTo("commerce-context");
        assertThat(lines.get(0).get("confidence").asDouble()).isLessThan(0.5);
        assertThat(lines.get(1).get("doubt").asString()).isEqualTo("commerce-context");
        JsonNode summary = lines.getLast();
        assertThat(summary.get("counts").isEmpty()).isTrue();
        assertThat(summary.get("leftOut")
                        .get("CREDIT_CARD")
                        .get("commerce-context")
                        .asLong())
                .isEqualTo(2);
        assertThat(lines.get(2).get("people").asLong()).isZero();

        CliRun text = CliRun.run("scan", f.toString());
        assertThat(text.out())
                .contains("Left out of the scope (confidence below 0.5): CREDIT_CARD 2 (commerce-context 2)");
        CliRun all = CliRun.run("scan", "--format", "jsonl", "--min-confidence", "0", f.toString());
        assertThat(all.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        assertThat(all.lines().getLast().get("counts").get("CREDIT_CARD").asLong())
                .isEqualTo(2);
    }

    @Test
    void theSuggestedDeadlinesCommandCarriesTheDataCategoriesFoundAndRuns(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("orders.csv");
        Files.writeString(
                f,
                "Email,Card,MailingState\njane@example.com,4539 5787 6362 1486,CA\nbob@example.com,5382 9174 6503 2219,CA\n");
        String next = next(CliRun.run("scan", f.toString()));
        assertThat(next)
                .isEqualTo(
                        "tandem deadlines --aware <when you became aware> --subjects US-CA=2 --data CONTACT,PAYMENT_CARD");
        // as the user would run it, with a time: California's card-data duty is found
        String[] args = next.replace("<when you became aware>", "2026-11-26T10:00:00Z")
                .substring("tandem ".length())
                .split(" ");
        CliRun deadlines = CliRun.run(args);
        assertThat(deadlines.out()).contains("US-CA").doesNotContain("No notification obligations found");
    }

    @Test
    void peopleOfNoKnownJurisdictionAreInTheSuggestedCommandAsZz(@TempDir Path dir) throws Exception {
        Path placed = dir.resolve("contacts.csv");
        Files.writeString(placed, "Email,MailingState\njane@example.com,CA\nbob@example.com,\nann@example.org,\n");
        CliRun r = CliRun.run("scan", placed.toString());
        assertThat(r.out()).contains("People affected (estimate): 3, of whom 2 without a known jurisdiction.");
        String next = next(r);
        assertThat(next)
                .isEqualTo("tandem deadlines --aware <when you became aware> --subjects US-CA=1,ZZ=2 --data CONTACT");
        // the command runs as printed; with an EU establishment the GDPR counts all three
        String[] args = (next.replace("<when you became aware>", "2026-11-26T10:00:00Z") + " --established DE")
                .substring("tandem ".length())
                .split(" ");
        CliRun deadlines = CliRun.run(args);
        assertThat(deadlines.exit()).isNotEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(deadlines.out()).contains("3 affected in any country");

        Path unplaced = dir.resolve("emails.csv");
        Files.writeString(unplaced, "Email\njane@example.com\nbob@example.com\n");
        assertThat(next(CliRun.run("scan", unplaced.toString())))
                .as("no one placed: the command still counts them")
                .isEqualTo("tandem deadlines --aware <when you became aware> --subjects ZZ=2 --data CONTACT");
    }

    @Test
    void aLoginHistoryDownloadPlacesNoOneInTheCountryOfTheLoginsIpAddress(@TempDir Path dir) throws Exception {
        // a UK employee's two logins from the UK and the attacker's from a Dutch server: Country Code
        // is the source IP's, so no EU duty follows from it (docs/pii-scanner.md, "Scope")
        Path f = dir.resolve("LoginHistory.csv");
        Files.writeString(f, """
                "Login Time","Username","Login Type","Source IP","Status","Browser","Platform","Application","Client Version","API Type","API Version","Login URL","Country Code"
                "3/14/2025 9:02:11 AM GMT","tom.evans@shopuk.co.uk","Application","81.2.69.160","Success","Chrome 122","Windows 10","Browser Login","N/A","N/A","N/A","login.salesforce.com","GB"
                "3/14/2025 1:45:03 PM GMT","tom.evans@shopuk.co.uk","Application","81.2.69.160","Success","Chrome 122","Windows 10","Browser Login","N/A","N/A","N/A","login.salesforce.com","GB"
                "3/15/2025 2:17:40 AM GMT","tom.evans@shopuk.co.uk","Remote Access 2.0","185.107.56.12","Success","Unknown","Unknown","Data Loader","N/A","SOAP Partner","61.0","login.salesforce.com","NL"
                """);
        CliRun r = CliRun.run("scan", "--format", "jsonl", f.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        List<JsonNode> lines = r.lines();
        JsonNode scope = lines.get(lines.size() - 2);
        assertThat(scope.get("kind").asString()).isEqualTo("scope");
        assertThat(scope.get("subjects").asString()).isEmpty();
        assertThat(scope.get("people").asLong()).isEqualTo(1);
        assertThat(scope.get("unplaced").asLong()).isEqualTo(1);
        assertThat(lines.getLast().get("counts").get("EMAIL_ADDRESS").asLong()).isEqualTo(3);
        assertThat(next(CliRun.run("scan", f.toString())))
                .isEqualTo("tandem deadlines --aware <when you became aware> --subjects ZZ=1 --data CONTACT");
    }

    private static String next(CliRun r) {
        return r.out()
                .lines()
                .filter(l -> l.strip().startsWith("next: "))
                .findFirst()
                .orElseThrow()
                .strip()
                .substring("next: ".length());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "--min-confidence | 1.5 | tandem scan: --min-confidence must be between 0 and 1, not 1.5",
                "--nice | 20 | tandem scan: --nice must be between 0 and 19, not 20",
                "--nice | -1 | tandem scan: --nice must be between 0 and 19, not -1"
            })
    void anOptionOutOfItsRangeIsAUsageError(String option, String value, String message, @TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "nothing\n");
        CliRun r = CliRun.run("scan", option, value, f.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void scanningThreadsYieldOnlyWhenTheyTakeEveryCoreUnlessToldOtherwise() {
        assertThat(ScanCommand.niceFor(null, 2, 2)).isEqualTo(ScanCommand.DEFAULT_NICE);
        assertThat(ScanCommand.niceFor(null, 1, 1)).isEqualTo(ScanCommand.DEFAULT_NICE);
        assertThat(ScanCommand.niceFor(null, 8, 4)).isEqualTo(ScanCommand.DEFAULT_NICE);
        assertThat(ScanCommand.niceFor(null, 1, 2)).isZero();
        assertThat(ScanCommand.niceFor(0, 2, 2)).isZero();
        assertThat(ScanCommand.niceFor(19, 1, 2)).isEqualTo(19);
    }

    @Test
    void aScanWithLoweredPriorityFindsWhatAnyOtherDoesAndPrintsNoWarning(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "ssn 536-22-8726 mail jane.doe@example.org\n".repeat(2000));
        CliRun plain = CliRun.run("scan", "--format", "jsonl", "--threads", "2", "--nice", "0", f.toString());
        CliRun niced = CliRun.run("scan", "--format", "jsonl", "--threads", "2", "--nice", "15", f.toString());
        assertThat(niced.exit()).isEqualTo(1);
        assertThat(niced.out()).isEqualTo(plain.out()).contains("US_SSN");
        assertThat(niced.err()).doesNotContain("WARNING");
    }

    @Test
    void revealAddsRawValues(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "ssn 536-22-8726\n");
        CliRun r = CliRun.run("scan", "--format", "jsonl", "--reveal", f.toString());
        assertThat(r.lines().getFirst().get("value").asString()).isEqualTo("536-22-8726");
    }

    @Test
    void exitZeroWhenCleanAndTwoWhenANamedPathIsMissingWhileTheRestIsScanned(@TempDir Path dir) throws Exception {
        Path clean = dir.resolve("clean.txt");
        Files.writeString(clean, "version 1.2.3.4.5 at 10:23:45\n");
        assertThat(CliRun.run("scan", clean.toString()).exit()).isEqualTo(TandemCommand.EXIT_OK);
        Path pii = dir.resolve("pii.txt");
        Files.writeString(pii, "mail jane@example.com\n");
        CliRun r =
                CliRun.run("scan", "--format", "jsonl", dir.resolve("missing").toString(), pii.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err()).contains("missing: no such file or folder");
        assertThat(r.lines().getFirst().get("entity").asString()).isEqualTo("EMAIL_ADDRESS");
    }

    @Test
    void corruptFileInsideAFolderIsReportedButDoesNotChangeTheExitCode(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("broken.zip"), new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3});
        Files.writeString(dir.resolve("ok.txt"), "nothing");
        CliRun r = CliRun.run("scan", dir.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_OK);
        assertThat(r.err()).contains("broken.zip");
    }

    @Test
    void aTruncatedGzipNamedOnTheCommandLineGivesItsFindingsAndAnArchiveNamedThatCannotBeReadExitsTwo(@TempDir Path dir)
            throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var g = new java.util.zip.GZIPOutputStream(bytes)) {
            for (int i = 0; i < 3000; i++)
                g.write(("GET /account?email=user" + i + "@gmx.de t=" + Long.toHexString(i * 0x9E3779B97F4A7C15L)
                                + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] gz = bytes.toByteArray();
        Path cut = dir.resolve("access.log.gz");
        Files.write(cut, java.util.Arrays.copyOf(gz, gz.length * 6 / 10));
        CliRun r = CliRun.run("scan", cut.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        assertThat(r.err()).contains(cut + ": gzip archive truncated: its content ends after byte ");
        assertThat(r.err()).doesNotContain("Exception");
        Path corrupt = dir.resolve("corrupt.zip");
        Files.write(corrupt, ("PK\3\4" + "garbage".repeat(50)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        CliRun bad = CliRun.run("scan", corrupt.toString());
        assertThat(bad.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(bad.err()).contains(corrupt + ": zip archive corrupt or truncated: no entry could be read");
        assertThat(bad.err()).doesNotContain("Exception");
    }

    /** A CSV larger than a chunk, so two threads read it in parts, with stray quotes in quoted fields. */
    @Test
    void aCsvWithStrayQuotesGivesByteIdenticalOutputOnOneThreadAndTwo(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("Email,Lineitem name,Phone,Country\n");
        for (int i = 0; i < 20_000; i++) {
            String item = i % 997 == 1 ? "Samsung 55\" TV" : "Kabel";
            sb.append("\"c")
                    .append(i)
                    .append("@example-mail.de\",\"")
                    .append(item)
                    .append("\",\"0151 23")
                    .append(String.format("%06d", i))
                    .append("\",\"DE\"\n");
        }
        Path f = dir.resolve("orders.csv");
        Files.writeString(f, sb);
        assertThat(Files.size(f)).isGreaterThan(1L << 20);
        CliRun one = CliRun.run("scan", "--format", "jsonl", "--threads", "1", f.toString());
        CliRun two = CliRun.run("scan", "--format", "jsonl", "--threads", "2", f.toString());
        assertThat(one.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        assertThat(one.err()).isEmpty();
        assertThat(two.out()).isEqualTo(one.out());
        JsonNode summary = one.lines().getLast();
        assertThat(summary.get("counts").get("PHONE_NUMBER").asLong()).isEqualTo(20_000);
        assertThat(one.out()).contains("\"subjects\":\"DE=20000\"");
    }

    @Test
    void aRegionThatIsNoIsoCountryWithANumberingPlanIsAUsageErrorNamingTheOptionAndValue(@TempDir Path dir)
            throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, "Phone\n020 7946 0018\n");
        CliRun uk = CliRun.run("scan", "--region", "UK", f.toString());
        assertThat(uk.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(uk.err())
                .isEqualTo("tandem scan: --region UK is not an ISO 3166-1 alpha-2 country code with a known numbering"
                        + " plan; did you mean GB?" + System.lineSeparator());
        assertThat(uk.out()).isEmpty();
        for (String bad : List.of("XX", "001", "", "USA")) {
            CliRun r = CliRun.run("scan", "--region", bad, f.toString());
            assertThat(r.exit()).as(bad).isEqualTo(TandemCommand.EXIT_USAGE);
            assertThat(r.err())
                    .as(bad)
                    .startsWith("tandem scan: --region " + bad + " is not an ISO 3166-1 alpha-2")
                    .doesNotContain("did you mean");
        }
        // a supported code in any case is taken: the London number is found under its column
        CliRun gb = CliRun.run("scan", "--format", "jsonl", "--region", "gb", f.toString());
        assertThat(gb.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        assertThat(gb.out()).contains("\"entity\":\"PHONE_NUMBER\"");
    }

    /**
     * UK numbers under a phone column with no country to place them are no findings in the default
     * region, as measured; the scan says on stderr, after its output, that a region would read them.
     * The output is as before; with the region, or a country column, the numbers are found and
     * nothing is said.
     */
    @Test
    void nationalNumbersNoRegionPlacesAreNamedInAHintOnStderr(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("contacts.csv");
        Files.writeString(f, "Name,Phone\nAda,020 7946 0958\nBob,07911 123456\nCy,(415) 555-2671\nDi,12345\n");
        CliRun r = CliRun.run("scan", "--format", "jsonl", f.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_FOUND);
        JsonNode summary = r.lines().getLast();
        assertThat(summary.get("counts").get("PHONE_NUMBER").asLong()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("national");
        assertThat(r.err())
                .isEqualTo("tandem scan: 2 numbers look like national phone numbers (a leading 0, as 020 7946 0958)"
                        + " that region US does not place; give --region GB (or the country) to scan them as phones"
                        + System.lineSeparator());
        // read in the UK's plan, the two UK numbers are found (the NANP one is none there)
        CliRun gb = CliRun.run("scan", "--format", "jsonl", "--region", "GB", f.toString());
        assertThat(gb.lines().getLast().get("counts").get("PHONE_NUMBER").asLong())
                .isEqualTo(2);
        // a region given names the country: whatever it does not place is not said to be the UK's
        // a region given names the country: whatever it does not place is not said to be the UK's
        assertThat(gb.err()).isEmpty();
        Path withCountry = dir.resolve("with-country.csv");
        Files.writeString(withCountry, "Name,Phone,Country\nAda,020 7946 0958,GB\nBob,07911 123456,United Kingdom\n");
        CliRun placed = CliRun.run("scan", "--format", "jsonl", withCountry.toString());
        assertThat(placed.lines().getLast().get("counts").get("PHONE_NUMBER").asLong())
                .isEqualTo(2);
        assertThat(placed.err()).isEmpty();
        assertThat(ScanCommand.unplacedHint(1234, "US")).startsWith("tandem scan: 1,234 numbers look like");
        assertThat(ScanCommand.unplacedHint(1, "US")).contains("1 number looks like");
        assertThat(ScanCommand.unplacedHint(5, "DE")).isNull();
        assertThat(ScanCommand.unplacedHint(0, "US")).isNull();
    }
}
