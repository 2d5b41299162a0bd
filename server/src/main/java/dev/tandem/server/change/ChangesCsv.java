package dev.tandem.server.change;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.tandem.controls.Retest;
import dev.tandem.server.CsvAnswer;
import dev.tandem.server.SpreadsheetCell;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An incident's changes as CSV, the population an auditor samples for SOC 2 CC8.1 (docs/contracts.md
 * "Additions", ADR 140): one row per change of the JSON list, as {@link ChangeViews} shows each to the
 * caller, so nothing reaches the CSV that the caller's JSON withholds (the items named from a sealed
 * execution's diffs are {@value #WITHHELD} here where the JSON has null). RFC 4180 (a header row,
 * fields quoted when they hold a comma, a quote or a line break, records ended by CRLF), UTF-8, and
 * every cell through {@link SpreadsheetCell}: titles, names and items are typed by people.
 */
final class ChangesCsv {
    private ChangesCsv() {}

    /** The columns, named as the JSON change's fields they are taken from (docs/contracts.md "Additions"). */
    static final List<String> COLUMNS = List.of(
            "id",
            "title",
            "kind",
            "risk",
            "system",
            "emergency",
            "status",
            "requestedAt",
            "requestedBy",
            "ledgerIndex",
            "approvals",
            "approvedAt",
            "acknowledgements",
            "executedAt",
            "executedBy",
            "preSnapshots",
            "postSnapshots",
            "snapshotsBeforeApproval",
            "configItems",
            "controls",
            "unapprovedItems",
            "retests",
            "retestsOutstanding",
            "openRisk",
            "segregationOfDuties",
            "segregationExceptions",
            "withdrawnAt",
            "withdrawnBy",
            "kindQuestion",
            // added after kindQuestion, so that a reader by position finds the earlier columns where they were:
            // the execution and the analyzers' check of it, each by its ledger entry (ADR 151)
            "executionIndex",
            "finding",
            "verification",
            "verificationIndex",
            "processesVerifiedAt",
            "processesVerifiedBy");

    /** A cell whose values the caller may not read (the JSON's null): the items named from sealed diffs. */
    static final String WITHHELD = "withheld";

    /** Values of one cell, apart: configuration item names may hold spaces and commas, never {@code "; "}. */
    static final String SEPARATOR = "; ";

    /**
     * The changes as one CSV document, header first, in the list's order; {@code retests}: the retests
     * each executed change put up, as the caller's retests list has them (by change id).
     */
    static String write(List<ChangeViews.ChangeView> changes, Map<String, List<Retest>> retests) {
        StringWriter out = new StringWriter();
        try (CsvWriter w = CsvWriter.builder().build(out)) {
            w.writeRecord(COLUMNS);
            for (ChangeViews.ChangeView c : changes) {
                w.writeRecord(row(c, retests.getOrDefault(c.id(), List.of())).stream()
                        .map(SpreadsheetCell::of)
                        .toList());
            }
        } catch (IOException e) {
            // a StringWriter does not fail
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One change's cells, in {@link #COLUMNS}' order, before {@link SpreadsheetCell}. */
    static List<String> row(ChangeViews.ChangeView c, List<Retest> retests) {
        boolean executed = c.executedAt() != null;
        ChangeViews.VerificationView v = c.verification();
        return List.of(
                c.id(),
                c.title(),
                c.kind(),
                c.risk(),
                c.system(),
                Boolean.toString(c.emergency()),
                c.status(),
                c.requestedAt(),
                c.requestedBy(),
                Long.toString(c.ledgerIndex()),
                approvals(c.approvals()),
                orEmpty(c.approvedAt()),
                acknowledgements(c.acknowledgements()),
                orEmpty(c.executedAt()),
                orEmpty(c.executedBy()),
                String.join(SEPARATOR, c.preSnapshots()),
                String.join(SEPARATOR, c.postSnapshots()),
                String.join(SEPARATOR, c.snapshotsBeforeApproval()),
                String.join(SEPARATOR, c.configItems()),
                String.join(SEPARATOR, c.controls()),
                c.unapprovedItems() == null ? WITHHELD : String.join(SEPARATOR, c.unapprovedItems()),
                // put up by an execution: empty before it, 0 when it put up none
                executed ? Integer.toString(retests.size()) : "",
                executed
                        ? Long.toString(
                                retests.stream().filter(Retest::outstanding).count())
                        : "",
                Boolean.toString(c.openRisk()),
                orEmpty(c.segregationOfDuties()),
                exceptions(c.segregationExceptions()),
                orEmpty(c.withdrawnAt()),
                orEmpty(c.withdrawnBy()),
                orEmpty(c.kindQuestion()),
                c.executionIndex() == null ? "" : Long.toString(c.executionIndex()),
                orEmpty(c.finding()),
                verification(v),
                v == null ? "" : Long.toString(v.ledgerIndex()),
                orEmpty(c.processesVerifiedAt()),
                orEmpty(c.processesVerifiedBy()));
    }

    /**
     * Whether the analyzers found the change's finding closed when they ran again on its post-change
     * snapshots: {@code closed}, {@code not closed: <what remains>}, {@value #WITHHELD} when the check is a
     * privileged entry the caller may not open (the JSON's null), empty before any check.
     */
    static String verification(ChangeViews.@Nullable VerificationView v) {
        if (v == null) {
            return "";
        }
        if (v.closed() == null) {
            return WITHHELD;
        }
        if (v.closed()) {
            return "closed";
        }
        List<String> remaining = v.remaining() == null ? List.of() : v.remaining();
        return remaining.isEmpty() ? "not closed" : "not closed: " + String.join(SEPARATOR, remaining);
    }

    /**
     * Each decision as {@code person (ROLE) approved at <time>, entry <index>} (or {@code rejected}),
     * in the order they were recorded.
     */
    static String approvals(List<ChangeViews.DecisionView> decisions) {
        List<String> out = new ArrayList<>();
        for (ChangeViews.DecisionView d : decisions) {
            out.add(d.person() + " (" + d.role() + ") " + (d.decision().equals("APPROVE") ? "approved" : "rejected")
                    + " at " + d.at() + ", entry " + d.ledgerIndex());
        }
        return String.join(SEPARATOR, out);
    }

    /** Each acknowledgement as {@code auditor at <time>, entry <index>}. */
    static String acknowledgements(List<ChangeViews.AcknowledgementView> acknowledgements) {
        List<String> out = new ArrayList<>();
        for (ChangeViews.AcknowledgementView a : acknowledgements) {
            out.add(a.auditor() + " at " + a.at() + ", entry " + a.ledgerIndex());
        }
        return String.join(SEPARATOR, out);
    }

    /**
     * Each approval by one given the role after the request (ADR 139) as {@code approver (ROLE) given
     * by <person> at <time>, entry <membership entry>, approval entry <index>}.
     */
    static String exceptions(List<ChangeViews.RoleGivenView> exceptions) {
        List<String> out = new ArrayList<>();
        for (ChangeViews.RoleGivenView g : exceptions) {
            out.add(g.approver() + " (" + g.role() + ") given by " + g.givenBy() + " at " + g.givenAt() + ", entry "
                    + g.givenIndex() + ", approval entry " + g.approvalIndex());
        }
        return String.join(SEPARATOR, out);
    }

    /** The download's {@code Content-Disposition}: {@code attachment; filename="incident-<id>-changes.csv"}. */
    static String attachment(String incident) {
        return CsvAnswer.attachment(incident, "changes");
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
