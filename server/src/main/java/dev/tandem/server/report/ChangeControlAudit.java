package dev.tandem.server.report;

import dev.tandem.controls.Retest;
import java.util.List;

/**
 * What the audit-continuity report's change-control sections say, for the export's OSCAL document
 * (docs/contracts.md §5): every retest item with the ledger entries it rests on, and every CC8.1
 * line (a change-management exception, or a segregation-of-duties observation) with its entries.
 */
public record ChangeControlAudit(List<RetestRow> retests, List<Cc81> cc81) {
    public ChangeControlAudit {
        retests = List.copyOf(retests);
        cc81 = List.copyOf(cc81);
    }

    /** A retest item and the entries it rests on: the register's import and its change's entries. */
    public record RetestRow(Retest retest, List<Long> cites) {
        public RetestRow {
            cites = List.copyOf(cites);
        }
    }

    /**
     * A CC8.1 line of the report, in its words.
     *
     * @param exception a change-management exception (else a segregation-of-duties observation)
     */
    public record Cc81(String text, boolean exception, List<Long> cites) {
        public Cc81 {
            cites = List.copyOf(cites);
        }
    }
}
