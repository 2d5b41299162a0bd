package dev.tandem.leak;

import dev.tandem.leak.Behaviour.SessionStats;
import dev.tandem.leak.Behaviour.UserStats;
import dev.tandem.leak.ContainmentAction.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** UNENCRYPTED_EXPORT: report exports in one session well above the user's usual daily volume, in sessions no earlier rule explained. */
final class ReportExportRule extends LeakRule {
    ReportExportRule(Observations o) {
        super(o);
    }

    @Override
    LeakPattern pattern() {
        return LeakPattern.UNENCRYPTED_EXPORT;
    }

    @Override
    String summary() {
        return "report exports in one session far above the user's usual volume";
    }

    @Override
    String claimsText() {
        return "skips claimed users and sessions";
    }

    @Override
    List<Finding> apply(Claims claims) {
        List<Finding> out = new ArrayList<>();
        for (SessionStats s : sortedSessions()) {
            if (s.exports.isEmpty() || !claims.free(s)) {
                continue;
            }
            UserStats u = b.users.get(s.userKey);
            if (u == null) {
                continue;
            }
            long rows = 0;
            List<EvidenceRef> evidence = new ArrayList<>();
            Set<String> from = new TreeSet<>();
            // an export logged twice (its ReportExport row and its Report row's ORIGIN) wrote one run
            Set<String> written = new java.util.HashSet<>();
            Set<String> reports = new TreeSet<>();
            long firstExport = Long.MAX_VALUE;
            long lastExport = Long.MIN_VALUE;
            for (Behaviour.ExportRef x : s.exports) {
                if (!x.reportId().isEmpty()) {
                    reports.add(x.reportId());
                }
                firstExport = Math.min(firstExport, x.millis());
                lastExport = Math.max(lastExport, x.millis());
                // the run the export wrote: the session's nearest, else the user's (Behaviour.runOf)
                var run = Behaviour.runOf(s, u, x);
                if (run != null && written.add(x.reportId() + "|" + run.getKey())) {
                    rows += run.getValue();
                }
                evidence.add(x.ref());
            }
            long usual = u.usualDailyRows(s.days);
            if (rows < t.minExportRecords() || rows <= t.volumeFactor() * Math.max(usual, 1)) {
                continue;
            }
            evidence.addAll(s.top.refs());
            from.addAll(s.top.files);
            Who w = who(u);
            List<ContainmentAction> contain = new ArrayList<>();
            for (Held h : w.holders()) {
                if (h.holder().userPermissions().containsKey("ExportReport")) {
                    contain.add(new ContainmentAction(
                            Action.REVOKE_PERMISSION,
                            holderSubject(h.holder()),
                            holderItem(h.holder()) + "#ExportReport",
                            "Revoke Export Reports from " + holderText(h.holder())));
                }
            }
            contain.add(new ContainmentAction(
                    Action.QUARANTINE_FILE,
                    w.subject(),
                    "Device:" + w.id(),
                    "Find and delete the exported report files on the devices of " + w.id()));
            out.add(finding(
                    pattern(),
                    Severity.HIGH,
                    w.id() + " exported reports with " + count(rows) + " customer rows to unencrypted files",
                    w.subject(),
                    evidence,
                    from,
                    rows,
                    s.exports.size() + " report export(s) in one session totalling " + count(rows)
                            + " rows (each export counted at the rows of the run it wrote: its report's latest run in"
                            + " the 10 minutes before it, else the first in the 10 minutes after, else the latest"
                            + " before; the session's, else the user's), against a usual " + count(usual)
                            + " rows a day"
                            + "; " + (reports.isEmpty() ? "reports" : "report(s) " + String.join(", ", reports))
                            + " exported " + java.time.Instant.ofEpochMilli(firstExport)
                            + (lastExport > firstExport ? " to " + java.time.Instant.ofEpochMilli(lastExport) : "")
                            + (s.ip().isEmpty() ? "" : " from IP " + s.ip()) + " in session " + s.key,
                    contain));
        }
        return out;
    }
}
