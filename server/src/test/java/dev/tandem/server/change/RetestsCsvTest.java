package dev.tandem.server.change;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The retests CSV goes to the audit firm's spreadsheets: no cell a person typed may run as a formula. */
class RetestsCsvTest {
    @Test
    void aCellThatASpreadsheetWouldRunGetsALeadingApostrophe() {
        for (String formula :
                new String[] {"=HYPERLINK(\"http://evil.example\",\"Open\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"
                }) {
            assertThat(ChangeController.cell(formula)).isEqualTo("'" + formula);
        }
        for (String plain : new String[] {"", "Revoke View All Data", "CC6.3", "PermissionSet:X", "Audrey Blake"}) {
            assertThat(ChangeController.cell(plain)).isEqualTo(plain);
        }
    }
}
