package dev.tandem.leak;

import dev.tandem.leak.ContainmentAction.Action;
import java.util.ArrayList;
import java.util.List;

/** UNENCRYPTED_EXPORT: data export files holding personal data in clear text. */
final class ExportFileRule extends LeakRule {
    ExportFileRule(Observations o) {
        super(o);
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.UNENCRYPTED_EXPORT;
    }

    @Override
    String summary() {
        return "a data export file with personal data in clear text";
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        // (c) data export files holding personal data in clear text
        for (Exports.ExportFile f : exports.files) {
            if (f.piiRows < t.minExportRecords()) {
                continue;
            }
            Subject subject = new Subject(SubjectKind.FILE, f.file);
            // card numbers in clear text are cardholder data (PCI DSS Req. 3.5.1: a PAN stored unreadable)
            String cards = f.cardColumns.isEmpty()
                    ? ""
                    : "; card numbers (13 to 19 digits passing the Luhn check) in "
                            + String.join(
                                    ", ",
                                    f.cardColumns.entrySet().stream()
                                            .map(e -> e.getKey() + " (" + count(e.getValue()) + " rows)")
                                            .toList())
                            + ": cardholder data in clear text (PCI DSS)";
            out.add(finding(
                    pattern(),
                    f.cardRows > 0 ? Severity.CRITICAL : Severity.HIGH,
                    "Export file " + f.file + " holds " + count(f.piiRows) + " "
                            + (f.object.isEmpty() ? "" : f.object + " ") + "records with personal data in clear text"
                            + (f.cardRows > 0 ? ", " + count(f.cardRows) + " with card numbers" : ""),
                    subject,
                    List.of(new EvidenceRef(f.file, f.firstLine)),
                    f.piiRows,
                    "columns with personal data: " + String.join(", ", f.piiColumns) + cards + "; " + count(f.rows)
                            + " rows, threshold " + count(t.minExportRecords()),
                    List.of(new ContainmentAction(
                            Action.QUARANTINE_FILE,
                            subject,
                            "File:" + f.file,
                            "Remove " + f.file + " from where it was found and from its copies; keep the evidence"
                                    + " copy in the vault"))));
        }
        return out;
    }
}
