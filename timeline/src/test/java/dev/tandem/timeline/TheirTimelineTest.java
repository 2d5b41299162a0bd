package dev.tandem.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading a spreadsheet's CSV export: what is accepted, and the line and column named when not. */
class TheirTimelineTest {

    private static TheirTimeline.Read read(String csv) {
        return TheirTimeline.read(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static TheirTimeline.Rows rows(String csv) {
        TheirTimeline.Read r = read(csv);
        assertThat(r).isInstanceOf(TheirTimeline.Rows.class);
        return (TheirTimeline.Rows) r;
    }

    private static TheirTimeline.Rejected rejected(String csv) {
        TheirTimeline.Read r = read(csv);
        assertThat(r).isInstanceOf(TheirTimeline.Rejected.class);
        return (TheirTimeline.Rejected) r;
    }

    @Test
    void readsAnExcelExportWithBomCrlfQuotedCommasAndLineBreaksAndExtraColumns() {
        String csv = "\uFEFFTime,Source,Description,Owner\r\n"
                + "2026-11-26T08:05:00+01:00,SOC,\"Alert: unusual export, CRM\",bob\r\n"
                + "2026-11-26 09:10Z,\"Audit, lead\",\"Two lines\r\nof text with \"\"quotes\"\"\",\r\n"
                + "2026-11-26T10:00:00.250-05:00,,Customer complaint,x\r\n";
        TheirTimeline.Rows r = rows(csv);
        assertThat(r.events()).hasSize(3);
        assertThat(r.events().get(0))
                .isEqualTo(new Theirs(2, Instant.parse("2026-11-26T07:05:00Z"), "SOC", "Alert: unusual export, CRM"));
        assertThat(r.events().get(1).source()).isEqualTo("Audit, lead");
        assertThat(r.events().get(1).description()).isEqualTo("Two lines\r\nof text with \"quotes\"");
        assertThat(r.events().get(1).at()).isEqualTo(Instant.parse("2026-11-26T09:10:00Z"));
        // the row after a two-line field starts on line 5
        assertThat(r.events().get(2).line()).isEqualTo(5);
        assertThat(r.events().get(2).at()).isEqualTo(Instant.parse("2026-11-26T15:00:00.250Z"));
        assertThat(r.events().get(2).source()).isEmpty();
    }

    @Test
    void columnsMayComeInAnyOrderAndBlankRowsAreSkipped() {
        TheirTimeline.Rows r = rows("description,time,source\n\nContained,2026-11-26T12:00:00Z,IC\n,,\n");
        assertThat(r.events()).singleElement().satisfies(e -> {
            assertThat(e.description()).isEqualTo("Contained");
            assertThat(e.line()).isEqualTo(3);
        });
    }

    @Test
    void namesTheLineAndColumnOfATimeWithoutAnOffset() {
        TheirTimeline.Rejected r =
                rejected("time,source,description\n2026-11-26T08:05:00Z,SOC,ok\n2026-11-26T09:00:00,SOC,no zone\n");
        assertThat(r.code()).isEqualTo("csv-no-offset");
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.column()).isEqualTo("time");
        assertThat(r.detail()).startsWith("line 3, column time (A):").contains("no offset");
    }

    @Test
    void refusesATimeThatIsNotRfc3339() {
        TheirTimeline.Rejected r = rejected("time,source,description\n26/11/2026 08:05,SOC,x\n");
        assertThat(r.code()).isEqualTo("csv-bad-time");
        assertThat(r.line()).isEqualTo(2);
        assertThat(rejected("time,source,description\n2026-02-30T08:05:00Z,SOC,x\n")
                        .code())
                .isEqualTo("csv-bad-time");
    }

    @Test
    void namesAMissingHeaderColumn() {
        TheirTimeline.Rejected r = rejected("time,who,description\n2026-11-26T08:05:00Z,SOC,x\n");
        assertThat(r.code()).isEqualTo("csv-missing-column");
        assertThat(r.line()).isEqualTo(1);
        assertThat(r.column()).isEqualTo("source");
        assertThat(r.detail()).startsWith("line 1:");
        assertThat(rejected("").line()).isEqualTo(1);
        // no header at all: the first row is data
        assertThat(rejected("2026-11-26T08:05:00Z,SOC,x\n").code()).isEqualTo("csv-missing-column");
    }

    @Test
    void namesARowThatEndsBeforeAColumn() {
        TheirTimeline.Rejected r = rejected("time,source,description\n2026-11-26T08:05:00Z,SOC\n");
        assertThat(r.code()).isEqualTo("csv-missing-column");
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.column()).isEqualTo("description");
    }

    @Test
    void refusesAnEmptyDescription() {
        TheirTimeline.Rejected r = rejected("time,source,description\r\n2026-11-26T08:05:00Z,SOC,\"  \"\r\n");
        assertThat(r.code()).isEqualTo("csv-empty-description");
        assertThat(r.line()).isEqualTo(2);
        assertThat(r.detail()).contains("column description (C)");
    }

    @Test
    void refusesMoreThanTenThousandRowsNamingTheFirstRowTooMany() {
        StringBuilder b = new StringBuilder("time,source,description\n");
        for (int i = 0; i <= TheirTimeline.MAX_ROWS; i++) {
            b.append("2026-11-26T08:05:00Z,SOC,event ").append(i).append('\n');
        }
        TheirTimeline.Rejected r = rejected(b.toString());
        assertThat(r.code()).isEqualTo("csv-too-many-rows");
        assertThat(r.line()).isEqualTo(TheirTimeline.MAX_ROWS + 2);
    }

    @Test
    void refusesMoreThanFiveMebibytesAsTooLarge() {
        byte[] big = new byte[TheirTimeline.MAX_BYTES + 1];
        TheirTimeline.Read r = TheirTimeline.read(big);
        assertThat(r)
                .isInstanceOfSatisfying(
                        TheirTimeline.Rejected.class,
                        x -> assertThat(x.tooLarge()).isTrue());
    }

    @Test
    void refusesBytesThatAreNotUtf8NamingTheLine() {
        byte[] latin1 =
                "time,source,description\n2026-11-26T08:05:00Z,SOC,Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        TheirTimeline.Rejected r = (TheirTimeline.Rejected) TheirTimeline.read(latin1);
        assertThat(r.code()).isEqualTo("csv-not-utf8");
        assertThat(r.line()).isEqualTo(2);
    }

    @Test
    void refusesAQuoteLeftOpenNamingTheLineItOpensOn() {
        TheirTimeline.Rejected r = rejected("time,source,description\n2026-11-26T08:05:00Z,SOC,\"ok\"\n"
                + "2026-11-26T08:06:00Z,SOC,\"never closed\n2026-11-26T08:07:00Z,SOC,x\n");
        assertThat(r.code()).isEqualTo("csv-malformed");
        assertThat(r.line()).isEqualTo(3);
        assertThat(TheirTimeline.openQuote("a,\"b\"\"\nc\",d\n")).isZero();
        assertThat(TheirTimeline.openQuote("a,b\"c,d\n")).isZero();
    }

    @Test
    void namesSpreadsheetColumns() {
        assertThat(TheirTimeline.letter(0)).isEqualTo("A");
        assertThat(TheirTimeline.letter(25)).isEqualTo("Z");
        assertThat(TheirTimeline.letter(26)).isEqualTo("AA");
    }
}
