package dev.tandem.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
}
