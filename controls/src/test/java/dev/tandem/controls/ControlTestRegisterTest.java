package dev.tandem.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlTestRegisterTest {
    private static final LocalDate LATEST = LocalDate.parse("2026-12-05");

    private static ControlTestRegister.Read read(String csv) {
        return ControlTestRegister.read(csv.getBytes(StandardCharsets.UTF_8), ControlCatalog.standard(), LATEST);
    }

    @Test
    void readsTheRegisterAsASpreadsheetExportsIt() {
        var r = read("\uFEFFControl,configItem,testedOn,tester,sample,notes\r\n"
                + "cc6.3,PermissionSet:Integration_Sync,2026-09-14,\"Blake, A.\",25 of 180 assignments,x\r\n"
                + ",,,,\r\n"
                + "A.8.32,Change:CAB,2026-10-02,Blake,all emergency changes\r\n");
        assertThat(r).isInstanceOf(ControlTestRegister.Rows.class);
        var rows = ((ControlTestRegister.Rows) r).tests();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0))
                .isEqualTo(new ControlTest(
                        "CC6.3",
                        "PermissionSet:Integration_Sync",
                        LocalDate.of(2026, 9, 14),
                        "Blake, A.",
                        "25 of 180 assignments",
                        2));
        assertThat(rows.get(1).line()).isEqualTo(4);
    }

    @Test
    void refusesAnUnknownControlNamingTheLine() {
        var r = (ControlTestRegister.Rejected)
                read(
                        "control,configItem,testedOn,tester,sample\nCC6.1,Profile:A,2026-09-01,t,s\nCC6.9,Profile:B,2026-09-01,t,s\n");
        assertThat(r.code()).isEqualTo("unknown-control");
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.detail()).startsWith("line 3, column control").contains("CC6.9");
    }

    @Test
    void refusesADateInTheFutureNamingTheLineAndColumn() {
        var r = (ControlTestRegister.Rejected) read("control,configItem,testedOn,tester,sample\nCC6.1,Profile:A,"
                + LATEST + ",t,s\nCC6.1,Profile:B," + LATEST.plusDays(1) + ",t,s\n");
        assertThat(r.code()).isEqualTo("future-date");
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.column()).isEqualTo("testedOn");
        assertThat(r.detail()).startsWith("line 3, column testedOn: ").contains("in the future");
    }

    @Test
    void refusesABadDateNamingTheLine() {
        var r = (ControlTestRegister.Rejected)
                read("control,configItem,testedOn,tester,sample\nCC6.1,Profile:A,14/09/2026,t,s\n");
        assertThat(r.code()).isEqualTo("bad-date");
        assertThat(r.detail()).startsWith("line 2, column testedOn").contains("14/09/2026");
        var impossible = (ControlTestRegister.Rejected)
                read("control,configItem,testedOn,tester,sample\nCC6.1,Profile:A,2026-02-30,t,s\n");
        assertThat(impossible.code()).isEqualTo("bad-date");
    }

    @Test
    void unreadableCsvIsNamedByTheRowItIsIn() {
        String header = "control,configItem,testedOn,tester,sample\n";
        var open = (ControlTestRegister.Rejected)
                read(
                        header
                                + "CC6.1,Profile:A,2026-09-01,t,s\nCC6.2,Profile:B,2026-09-01,t,s\nCC6.3,\"C,2026-09-01,t,s\nCC6.1,Profile:D,2026-09-01,t,s\n");
        assertThat(open.code()).isEqualTo("csv-malformed");
        assertThat(open.line()).isEqualTo(4);
        assertThat(open.detail()).startsWith("line 4: a quoted field opens in this row and is never closed");
        var after = (ControlTestRegister.Rejected)
                read(header + "CC6.1,Profile:A,2026-09-01,t,s\nCC6.3,\"bad\"x,2026-09-01,t,s\n");
        assertThat(after.code()).isEqualTo("csv-malformed");
        assertThat(after.line()).isEqualTo(3);
        assertThat(after.detail())
                .isEqualTo("line 3: not readable as CSV: Unexpected character after closing quote: 'x' (0x78)");
        var nothing = (ControlTestRegister.Rejected) read("");
        assertThat(nothing.code()).isEqualTo("csv-empty");
        assertThat(nothing.detail()).startsWith("line 1: the register is empty");
    }

    @Test
    void refusesAMissingColumnAnEmptyFieldAndAnEmptyRegister() {
        assertThat(((ControlTestRegister.Rejected) read("control,configItem,tester,sample\n")).code())
                .isEqualTo("csv-missing-column");
        var empty = (ControlTestRegister.Rejected)
                read("control,configItem,testedOn,tester,sample\nCC6.1,,2026-09-01,t,s\n");
        assertThat(empty.code()).isEqualTo("csv-empty-field");
        assertThat(empty.detail()).startsWith("line 2, column configItem");
        assertThat(((ControlTestRegister.Rejected) read("control,configItem,testedOn,tester,sample\n")).code())
                .isEqualTo("csv-empty");
        assertThat(((ControlTestRegister.Rejected) ControlTestRegister.read(
                                new byte[] {(byte) 0xC3, 0x28}, ControlCatalog.standard(), LATEST))
                        .code())
                .isEqualTo("csv-not-utf8");
    }

    /** A row no change could ever match is refused naming its line and column; harmless spacing is read. */
    @Test
    void refusesAConfigItemThatIsNoTypeAndNameNamingTheLineAndColumn() {
        var r = (ControlTestRegister.Rejected) read("control,configItem,testedOn,tester,sample\n"
                + "CC6.1,Profile:Admin,2026-09-01,t,s\nCC6.6,Salesforce production org,2026-09-01,t,s\n");
        assertThat(r.code()).isEqualTo("bad-config-item");
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.column()).isEqualTo("configItem");
        assertThat(r.detail())
                .startsWith("line 3, column configItem: \"Salesforce production org\" cannot be read")
                .contains("Type:Name");
        var spaced = (ControlTestRegister.Rows)
                read("control,configItem,testedOn,tester,sample\nCC6.1,Profile: Admin # ApiEnabled,2026-09-01,t,s\n");
        assertThat(spaced.tests().getFirst().configItem()).isEqualTo("Profile:Admin#ApiEnabled");
    }

    @Test
    void aRowOutsideTheObservationPeriodIsRefusedNamingItsLineAndThePeriod() {
        var period = new ObservationPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        String csv =
                "control,configItem,testedOn,tester,sample\nCC6.1,Profile:A,2026-09-01,t,s\nCC6.3,Profile:B,2025-09-14,t,s\n";
        var r = (ControlTestRegister.Rejected) ControlTestRegister.read(
                csv.getBytes(java.nio.charset.StandardCharsets.UTF_8), ControlCatalog.standard(), LATEST, period);
        assertThat(r.code()).isEqualTo("outside-period");
        assertThat(r.line()).isEqualTo(3);
        assertThat(r.column()).isEqualTo("testedOn");
        assertThat(r.detail())
                .isEqualTo("line 3, column testedOn: 2025-09-14 is before the observation period (2026-01-01 to"
                        + " 2026-12-31); a register lists the tests of the period");
        // the first and last days are in it; without a period nothing is checked
        String edges =
                "control,configItem,testedOn,tester,sample\nCC6.1,Profile:A,2026-01-01,t,s\nCC6.3,Profile:B,2026-12-31,t,s\n";
        assertThat(ControlTestRegister.read(
                        edges.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        ControlCatalog.standard(),
                        LocalDate.of(2027, 1, 1),
                        period))
                .isInstanceOf(ControlTestRegister.Rows.class);
        assertThat(read(csv)).isInstanceOf(ControlTestRegister.Rows.class);
    }

    @Test
    void anObservationPeriodEndsOnOrAfterItsStartAndIsNoLongerThanTwoYears() {
        LocalDate d = LocalDate.of(2026, 6, 1);
        assertThat(new ObservationPeriod(d, d).contains(d)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ObservationPeriod(d, d.minusDays(1)))
                .hasMessage("the observation period ends (2026-05-31) before it starts (2026-06-01)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ObservationPeriod(d, d.plusYears(3)))
                .hasMessageContaining("longer than two years");
        var p = new ObservationPeriod(d, d.plusMonths(6));
        assertThat(List.of(
                        p.place(d.minusDays(1)),
                        p.place(d),
                        p.place(d.plusMonths(6).plusDays(1))))
                .containsExactly("before", "in", "after");
    }
}
