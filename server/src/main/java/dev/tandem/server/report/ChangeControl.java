package dev.tandem.server.report;

import static dev.tandem.server.report.Narration.text;
import static dev.tandem.server.report.Narration.texts;
import static dev.tandem.server.report.Narration.time;

import dev.tandem.change.ChangeStatus;
import dev.tandem.change.EmergencyReview;
import dev.tandem.change.Resubmissions;
import dev.tandem.controls.ControlTest;
import dev.tandem.controls.ObservationPeriod;
import dev.tandem.controls.Retest;
import dev.tandem.controls.RetestFee;
import dev.tandem.controls.Retests;
import dev.tandem.server.ledger.fact.ChangeDecided;
import dev.tandem.server.report.Report.Line;
import dev.tandem.server.report.Report.Row;
import dev.tandem.server.report.Report.Section;
import dev.tandem.server.report.Report.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The change-control sections of the audit-continuity report, drawn from the ledger entries alone
 * (docs/change-control.md): the changes with their approvals, the retests they cause with the fee
 * estimate, and the change-management exceptions against SOC 2 CC8.1 (emergency changes not
 * approved within the window, changes beyond their approval, changes made before their approvals)
 * with the access restrictions still open as a risk. Privileged change
 * entries are counted, never described.
 */
final class ChangeControl {
    /** The retest table's columns, the "Retest" column saying whether a later test closed it. */
    static final List<String> RETEST_COLUMNS =
            List.of("Control", "Configuration item", "Tested on", "Tester", "Change", "Executed", "Reason", "Retest");

    private ChangeControl() {}

    /** What the report is told besides the entries: the window, the fee and the time it is drawn. */
    record Settings(
            Duration window,
            @Nullable BigDecimal fee,
            String currency,
            BigDecimal lowShare,
            BigDecimal highShare,
            Instant now) {
        static Settings defaults(Instant now) {
            return new Settings(
                    EmergencyReview.DEFAULT_WINDOW, null, "USD", new BigDecimal("0.15"), new BigDecimal("0.30"), now);
        }
    }

    private record Withdrawn(Instant at, String reason) {}

    /** An approval as its {@code change.decided} entry records it: the role, the approver (the entry's actor), when. */
    private record Approval(String role, String person, Instant at) {}

    /** One change as its entries tell it. */
    private static final class Tracked {
        final String id;
        final JsonNode request;
        final List<Long> cites = new ArrayList<>();
        final Map<String, Instant> approvedBy = new LinkedHashMap<>();
        boolean rejected;

        @Nullable
        Instant executedAt;

        boolean acknowledged;
        boolean processesVerified;

        /** What its execution's diffs touched, and those of them beyond the approved items. */
        List<String> touchedItems = List.of();

        List<String> unapprovedItems = List.of();

        /** The approved items its diffs show no change to (not carried out, or outside the snapshots). */
        List<String> unchangedItems = List.of();

        /** When and why it was withdrawn, when it was: then neither pending nor executed. */
        @Nullable
        Withdrawn withdrawn;

        /** Post-change snapshots received before the approval: a change made before it. */
        List<String> snapshotsBeforeApproval = List.of();

        /**
         * Whether it was made before its approvals though no emergency, and how many items its diffs
         * changed beyond them: known for a sealed execution too, whose lists are withheld.
         */
        boolean madeBeforeApproval;

        int unapprovedCount;

        /**
         * Its approvals by ones given the role they approve in after the request (segregation-of-duties
         * exceptions, docs/adr/139-a-role-given-after-the-request.md).
         */
        final List<ChangeDecided.RoleGiven> rolesGiven = new ArrayList<>();

        /** Who approved it (the entries' actors) and who carried it out. */
        final List<String> approvers = new ArrayList<>();

        /** Its approvals in the order recorded, each with its approver and time, for its row. */
        final List<Approval> approvals = new ArrayList<>();

        @Nullable
        String executor;

        /** When a decision recorded its approvals complete; whether any decision records that at all. */
        @Nullable
        Instant completedAt;

        boolean completionRecorded;

        /** The audit liaison's approval alone completed it (docs/adr/106-emergency-approval-and-segregation-of-duties.md). */
        boolean liaisonAlone;

        /** Who requested it and when (the request entry's actor and time), and that entry's index. */
        String requester = "";

        @Nullable
        Instant requestedAt;

        long requestIndex;

        /** The analyzers' check of the execution ({@code change.verified}) when it is public: closed, and its entry. */
        @Nullable
        Boolean closed;

        long verifiedIndex = -1;

        Tracked(String id, JsonNode request, long index) {
            this.id = id;
            this.request = request;
            this.requestIndex = index;
            cites.add(index);
        }

        /**
         * When its approvals were complete: as a decision recorded it, or, for decisions recorded
         * before they said so, when both approver roles had approved.
         */
        @Nullable
        Instant approvedAt() {
            if (completionRecorded) {
                return completedAt;
            }
            if (approvedBy.size() < 2) {
                return null;
            }
            return approvedBy.values().stream().max(Instant::compareTo).orElse(null);
        }

        /**
         * The window it is judged by: recorded with its request, else (a request recorded before the
         * window was) the report's setting.
         */
        Duration window(Duration setting) {
            JsonNode w = request.path("emergencyApprovalWindow");
            return EmergencyReview.windowOf(w.isString() ? Duration.parse(w.asString()) : null, setting);
        }

        boolean windowRecorded() {
            return request.path("emergencyApprovalWindow").isString();
        }

        /** Where it stands, as resubmissions are judged ({@link Resubmissions}). */
        ChangeStatus status() {
            if (rejected) {
                return ChangeStatus.REJECTED;
            }
            if (withdrawn != null) {
                return ChangeStatus.WITHDRAWN;
            }
            if (executedAt != null) {
                return ChangeStatus.EXECUTED;
            }
            return approvedAt() != null ? ChangeStatus.APPROVED : ChangeStatus.REQUESTED;
        }
    }

    /**
     * The observation period in force at the report's checkpoint: the last {@code audit.period-set}
     * entry among {@code entries}, with its ledger index; empty when none was set.
     */
    record Period(ObservationPeriod period, long index) {}

    static java.util.Optional<Period> period(List<ReportEntry> entries) {
        Period last = null;
        for (ReportEntry e : entries) {
            if (e.type().equals("audit.period-set") && e.content() != null) {
                last = new Period(
                        new ObservationPeriod(
                                LocalDate.parse(text(e.content(), "start")), LocalDate.parse(text(e.content(), "end"))),
                        e.index());
            }
        }
        return java.util.Optional.ofNullable(last);
    }

    /** The change-control entries read: the changes, the register, and what is counted but sealed. */
    private static final class Parsed {
        final Map<String, Tracked> changes = new LinkedHashMap<>();
        final List<ControlTest> register = new ArrayList<>();
        final List<Long> registerCites = new ArrayList<>();
        final List<Long> privileged = new ArrayList<>();
        final List<ReportEntry> contained = new ArrayList<>();
        int sealedRequests;
        final List<Instant> sealedExecutions = new ArrayList<>();

        /** Each AUDIT item the entries add in the clear, by id: its name and the entry that added it. */
        final Map<String, String> evidence = new LinkedHashMap<>();
    }

    /**
     * The report's change-control sections and the export's OSCAL part of them ({@link
     * ChangeControlAudit}: every retest with its entries, every CC8.1 line), drawn from one reading of
     * the entries and the settings: the OSCAL part holds the very rows and lines of the sections.
     */
    record Drawn(List<Section> sections, ChangeControlAudit audit) {
        Drawn {
            sections = List.copyOf(sections);
        }
    }

    static Drawn draw(List<ReportEntry> entries, Settings settings) {
        Parsed p = parse(entries);
        Period period = period(entries).orElse(null);
        List<ChangeControlAudit.RetestRow> retests = new ArrayList<>();
        for (Retest r : retestsOf(p.changes, p.register, period)) {
            retests.add(new ChangeControlAudit.RetestRow(r, retestCites(r, p.changes, p.registerCites, period)));
        }
        Section exceptions = exceptions(p, settings);
        List<ChangeControlAudit.Cc81> lines = new ArrayList<>();
        for (Line l : exceptions.lines()) {
            if (l.text().startsWith(EXCEPTION)
                    || l.text().startsWith(SEGREGATION)
                    || l.text().startsWith(SEGREGATION_EXCEPTION)) {
                lines.add(new ChangeControlAudit.Cc81(l.text(), l.text().startsWith(EXCEPTION), l.cites()));
            }
        }
        return new Drawn(
                List.of(
                        changesSection(p.changes, p.privileged, p.evidence),
                        retests(p.changes, retests, p.registerCites, settings, period),
                        exceptions),
                new ChangeControlAudit(retests, lines));
    }

    /** {@link #draw}'s sections. */
    static List<Section> sections(List<ReportEntry> entries, Settings settings) {
        return draw(entries, settings).sections();
    }

    static final String EXCEPTION = "CC8.1 change-management exception";
    static final String SEGREGATION = "CC8.1 segregation-of-duties observation";
    static final String SEGREGATION_EXCEPTION = "CC8.1 segregation-of-duties exception";

    /** An approval by one given the role after the request, in words (ADR 139). */
    private static String roleGiven(ChangeDecided.RoleGiven g) {
        return "approved by " + g.to() + " as the "
                + g.role().toLowerCase(Locale.ROOT).replace('_', ' ') + ", a role " + g.by() + " gave them "
                + time(g.at()) + ", after the change was requested";
    }

    private static Section exceptions(Parsed p, Settings settings) {
        List<Instant> executions = new ArrayList<>(p.sealedExecutions);
        p.changes.values().stream()
                .map(t -> t.executedAt)
                .filter(java.util.Objects::nonNull)
                .forEach(executions::add);
        return exceptions(
                p.changes,
                settings,
                p.changes.size() + p.sealedRequests,
                uncoveredContainments(p.contained, executions));
    }

    private static Parsed parse(List<ReportEntry> entries) {
        Parsed p = new Parsed();
        Map<String, Tracked> changes = p.changes;
        List<ControlTest> register = p.register;
        List<Long> registerCites = p.registerCites;
        List<Long> privileged = p.privileged;
        List<ReportEntry> contained = p.contained;
        List<Instant> sealedExecutions = p.sealedExecutions;
        for (ReportEntry e : entries) {
            if (e.type().equals("incident.contained") && e.content() != null) {
                contained.add(e);
                continue;
            }
            if (e.type().equals("evidence.added")
                    && e.content() != null
                    && text(e.content(), "repository").equals("AUDIT")) {
                p.evidence.put(text(e.content(), "evidence"), text(e.content(), "name") + " (#" + e.index() + ")");
            }
            if (!e.type().startsWith("change.") && !e.type().equals("control-tests.imported")) {
                continue;
            }
            JsonNode c = e.content();
            if (c == null) {
                privileged.add(e.index());
                // a sealed request or execution still counts, and its time is public
                p.sealedRequests += e.type().equals("change.requested") ? 1 : 0;
                if (e.type().equals("change.executed")) {
                    sealedExecutions.add(Instant.parse(e.at()));
                }
                continue;
            }
            if (e.type().equals("control-tests.imported")) {
                registerCites.add(e.index());
                long line = 0;
                for (JsonNode t : c.path("tests")) {
                    register.add(new ControlTest(
                            text(t, "control"),
                            text(t, "configItem"),
                            LocalDate.parse(text(t, "testedOn")),
                            text(t, "tester"),
                            "",
                            ++line,
                            Instant.parse(e.at())));
                }
                continue;
            }
            String id = text(c, "change");
            if (e.type().equals("change.requested")) {
                Tracked requested = new Tracked(id, c, e.index());
                requested.requester = e.actor();
                requested.requestedAt = Instant.parse(e.at());
                changes.put(id, requested);
                continue;
            }
            Tracked t = changes.get(id);
            if (t == null) {
                continue; // its request is privileged: counted above
            }
            t.cites.add(e.index());
            Instant at = Instant.parse(e.at());
            switch (e.type()) {
                case "change.decided" -> {
                    if (text(c, "decision").equals("APPROVE")) {
                        t.approvedBy.put(text(c, "role"), at);
                        t.approvers.add(e.actor());
                        t.approvals.add(new Approval(text(c, "role"), e.actor(), at));
                        ChangeDecided.RoleGiven given = ChangeDecided.RoleGiven.of(c);
                        if (given != null) {
                            t.rolesGiven.add(given);
                            t.cites.add(given.entry()); // the membership entry that gave the role
                        }
                    } else {
                        t.rejected = true;
                    }
                    if (c.has("approvalComplete")) {
                        t.completionRecorded = true;
                        if (c.path("approvalComplete").asBoolean()) {
                            t.completedAt = at;
                            t.liaisonAlone = c.path("liaisonAlone").asBoolean();
                        }
                    }
                }
                case "change.executed" -> {
                    t.executedAt = at;
                    t.executor = e.actor();
                    t.touchedItems = texts(c, "touchedItems");
                    t.unapprovedItems = texts(c, "unapprovedItems");
                    t.unchangedItems = texts(c, "unchangedItems");
                    t.snapshotsBeforeApproval = texts(c, "snapshotsBeforeApproval");
                    t.madeBeforeApproval = Snapshots.madeBeforeApproval(c);
                    t.unapprovedCount = Snapshots.unapprovedCount(c);
                }
                case "change.acknowledged" -> t.acknowledged = true;
                case "change.verified" -> {
                    t.closed = c.path("closed").isBoolean() ? c.path("closed").asBoolean() : null;
                    t.verifiedIndex = e.index();
                }
                case "change.withdrawn" -> t.withdrawn = new Withdrawn(at, text(c, "reason"));
                case "change.processes-verified" -> t.processesVerified = true;
                default -> {}
            }
        }
        return p;
    }

    /**
     * The containments recorded on the timeline ({@code incident.contained}) that no change request
     * covers: none was executed at or before the time the incident was contained. Change control
     * judges change requests; an action taken outside it is no exception by its rules, but one that
     * changed a configuration under audit would have been an emergency change, so the auditor may ask.
     */
    static List<ReportEntry> uncoveredContainments(List<ReportEntry> contained, List<Instant> executions) {
        List<ReportEntry> out = new ArrayList<>();
        for (ReportEntry e : contained) {
            Instant at = containedAt(e);
            if (executions.stream().noneMatch(x -> !x.isAfter(at))) {
                out.add(e);
            }
        }
        return out;
    }

    private static Instant containedAt(ReportEntry e) {
        String at = text(java.util.Objects.requireNonNull(e.content()), "at");
        return Instant.parse(at.isEmpty() ? e.at() : at);
    }

    private static Section changesSection(
            Map<String, Tracked> changes, List<Long> privileged, Map<String, String> evidence) {
        List<Row> rows = new ArrayList<>();
        List<Resubmissions.Request> requests = requests(changes);
        for (Tracked t : changes.values()) {
            JsonNode r = t.request;
            List<String> state = new ArrayList<>();
            // who approved, in which role and when (docs/contracts.md "Additions"): the auditor samples on it
            t.approvals.forEach(a -> state.add(
                    "approved by the " + a.role().toLowerCase(Locale.ROOT).replace('_', ' ') + ", " + a.person() + ", "
                            + time(a.at().toString())));
            for (ChangeDecided.RoleGiven g : t.rolesGiven) {
                state.add("a segregation-of-duties exception: " + roleGiven(g));
            }
            if (t.liaisonAlone) {
                state.add("the audit liaison's approval completing it (the incident's only commander requested it)");
            }
            if (t.rejected) {
                state.add("rejected");
            }
            for (Resubmissions.Request earlier : Resubmissions.earlier(t.id, requests)) {
                state.add("requested again: the same items as change " + earlier.id() + " ("
                        + earlier.status().name().toLowerCase(Locale.ROOT) + ")");
            }
            if (t.acknowledged) {
                state.add("acknowledged by the auditor");
            }
            Withdrawn withdrawn = t.withdrawn;
            state.add(
                    withdrawn != null
                            ? "withdrawn " + time(withdrawn.at().toString()) + ": " + withdrawn.reason()
                            : t.executedAt == null
                                    ? "not executed"
                                    : "executed " + time(t.executedAt.toString())
                                            + (t.madeBeforeApproval ? ", before its approvals" : ""));
            rows.add(new Row(
                    List.of(
                            t.id,
                            text(r, "title") + (r.path("emergency").asBoolean() ? " (emergency)" : ""),
                            text(r, "kind"),
                            String.join(", ", texts(r, "configItems"))
                                    + (t.unchangedItems.isEmpty()
                                            ? ""
                                            : "; approved, but its diffs show no change to: "
                                                    + String.join(", ", t.unchangedItems))
                                    + (t.unapprovedCount == 0
                                            ? ""
                                            : "; also changed, beyond its approval: " + beyond(t)),
                            Narration.controls(texts(r, "controls")),
                            trail(t, evidence),
                            String.join("; ", state)),
                    t.cites));
        }
        List<Line> lines = new ArrayList<>();
        if (!privileged.isEmpty()) {
            lines.add(new Line(
                    "",
                    Narration.count(privileged.size(), "change-control entry rests", "change-control entries rest")
                            + " on privileged evidence (commitments)",
                    privileged));
        }
        return new Section(
                "change-control",
                "Changes to configurations and controls",
                changes.isEmpty()
                        ? List.of("No change requests recorded.")
                        : List.of("Each change needs a pre-change CONFIG_SNAPSHOT and the approvals of the incident"
                                + " commander and the audit liaison, two people other than the requester; an emergency"
                                + " change the incident's only commander requested is approved afterwards by the"
                                + " audit liaison alone; the auditor acknowledges and never approves."),
                lines,
                new Table(
                        List.of(
                                "Change",
                                "Title",
                                "Kind",
                                "Configuration items",
                                "Controls",
                                "Request, snapshots, execution",
                                "State"),
                        rows));
    }

    /**
     * The change's trail from request to execution, each step by its ledger entry, so that an auditor can
     * follow it in the bag (ADR 151): who requested it, when, against which pre-change snapshots (each by
     * its name and the entry that added it; a FORENSIC one as such), who executed it, and the analyzers'
     * check of the execution when it is public.
     */
    private static String trail(Tracked t, Map<String, String> evidence) {
        List<String> snapshots = texts(t.request, "preSnapshots").stream()
                .map(id -> evidence.getOrDefault(id, "a FORENSIC snapshot, not in this report (" + id + ")"))
                .toList();
        StringBuilder b = new StringBuilder("requested by " + t.requester
                + (t.requestedAt == null ? "" : ", " + time(t.requestedAt.toString())) + " (#" + t.requestIndex + ")");
        b.append(
                snapshots.isEmpty()
                        ? ", with no pre-change snapshot"
                        : ", against the pre-change " + (snapshots.size() == 1 ? "snapshot " : "snapshots ")
                                + String.join(", ", snapshots));
        if (t.executedAt != null) {
            b.append("; executed by ").append(t.executor);
        }
        if (t.closed != null) {
            b.append("; the analyzers found the finding ")
                    .append(t.closed ? "closed" : "not closed")
                    .append(" (#")
                    .append(t.verifiedIndex)
                    .append(')');
        }
        return b.toString();
    }

    /** The retests the executed changes cause, as the register and the observation period stand in the entries. */
    private static List<Retest> retestsOf(
            Map<String, Tracked> changes, List<ControlTest> register, @Nullable Period period) {
        List<Retests.Executed> executed = new ArrayList<>();
        for (Tracked t : changes.values()) {
            if (t.executedAt != null) {
                executed.add(new Retests.Executed(
                        t.id,
                        text(t.request, "title"),
                        t.executedAt,
                        texts(t.request, "configItems"),
                        texts(t.request, "controls"),
                        t.touchedItems,
                        t.unchangedItems));
            }
        }
        return Retests.of(register, executed, period == null ? null : period.period());
    }

    /** The entries a retest rests on: the register's imports, its change's entries and the period's. */
    private static List<Long> retestCites(
            Retest r, Map<String, Tracked> changes, List<Long> registerCites, @Nullable Period period) {
        List<Long> c = new ArrayList<>(registerCites);
        Tracked t = changes.get(r.change());
        if (t != null) {
            c.addAll(t.cites);
        }
        if (period != null) {
            c.add(period.index());
        }
        return c;
    }

    private static Section retests(
            Map<String, Tracked> changes,
            List<ChangeControlAudit.RetestRow> drawn,
            List<Long> registerCites,
            Settings s,
            @Nullable Period period) {
        List<Retest> retests =
                drawn.stream().map(ChangeControlAudit.RetestRow::retest).toList();
        RetestFee fee =
                RetestFee.estimate(s.fee(), s.currency(), s.lowShare(), s.highShare(), Retests.outstanding(retests));
        List<Row> rows = new ArrayList<>();
        for (ChangeControlAudit.RetestRow row : drawn) {
            Retest r = row.retest();
            rows.add(new Row(
                    List.of(
                            r.control(),
                            r.configItem(),
                            r.testedOn().toString(),
                            r.tester(),
                            r.change() + " (" + r.changeTitle() + ")",
                            time(r.executedAt().toString()),
                            r.reason(),
                            r.closedOn() == null
                                    ? "outstanding"
                                    : "done: tested " + r.closedOn()
                                            + (r.closedBy() == null
                                                            || r.closedBy().isEmpty()
                                                    ? ""
                                                    : " by " + r.closedBy())),
                    row.cites()));
        }
        List<String> notes = new ArrayList<>();
        if (registerCites.isEmpty()) {
            notes.add("No control test register imported: retests cannot be determined.");
        }
        String shares = percent(s.lowShare()) + " to " + percent(s.highShare());
        Retests.Tally tally = Retests.Tally.of(retests);
        notes.add(
                fee.low() == null
                        ? tally.toRetest()
                                + tally.doneWords()
                                + "; the audit fee is not configured (administrator: TANDEM_AUDIT_FEE), so no estimate"
                                + " (retests are priced at " + shares + " of the audit fee)"
                        : "Estimated retest fee: " + fee.currency() + " " + money(fee.low()) + " to "
                                + money(fee.high())
                                + " (" + shares + " of the audit fee of " + fee.currency() + " " + money(s.fee())
                                + ") for "
                                + tally.words() + ", tested before a change touched them"
                                + tally.doneWords());
        if (period == null) {
            notes.add("No observation period recorded (audit liaison: the register page): every executed change"
                    + " is counted, whenever it ran.");
        } else {
            List<String> outside = new ArrayList<>();
            for (Tracked t : changes.values()) {
                if (t.executedAt != null
                        && !period.period().contains(LocalDate.ofInstant(t.executedAt, java.time.ZoneOffset.UTC))) {
                    outside.add(t.id);
                }
            }
            notes.add("Observation period " + period.period().words() + " (entry #" + period.index() + "): only"
                    + " changes executed in it undo a test of it"
                    + (outside.isEmpty()
                            ? "."
                            : "; executed outside it, so no retest: " + String.join(", ", outside) + "."));
        }
        return new Section(
                "retests",
                "Retests: controls tested before a change touched them",
                notes,
                List.of(),
                new Table(RETEST_COLUMNS, rows));
    }

    private static Section exceptions(
            Map<String, Tracked> changes, Settings s, int requests, List<ReportEntry> uncovered) {
        List<Line> lines = new ArrayList<>();
        // the changes as resubmissions see them, and their order, read once for all the changes
        List<Resubmissions.Request> asRequested = requests(changes);
        List<String> order = new ArrayList<>(changes.keySet());
        for (Tracked t : changes.values()) {
            boolean emergency = t.request.path("emergency").asBoolean();
            if (emergency && t.executedAt != null) {
                Instant approved = t.approvedAt();
                if (approved != null && approved.isBefore(t.executedAt)) {
                    approved = t.executedAt;
                }
                Duration window = t.window(s.window());
                EmergencyReview.Status status =
                        EmergencyReview.status(t.executedAt, approved, t.rejected, window, s.now());
                Instant deadline = t.executedAt.plus(window);
                String which = t.windowRecorded()
                        ? " window recorded with its request"
                        : " window (the server's setting: none was recorded with its request)";
                String what =
                        "CC8.1 change-management exception: emergency change " + t.id + " \"" + text(t.request, "title")
                                + "\" ran " + time(t.executedAt.toString()) + " before its approvals";
                switch (status) {
                    case APPROVED_LATE ->
                        lines.add(new Line(
                                "",
                                what + " and was approved only "
                                        + time(java.util.Objects.requireNonNull(approved)
                                                .toString()) + ", after the " + hours(window) + which + " ("
                                        + time(deadline.toString()) + ")",
                                t.cites));
                    case OVERDUE ->
                        lines.add(new Line(
                                "",
                                what
                                        + (t.rejected
                                                ? " and was rejected afterwards"
                                                : " and was not approved within the " + hours(window) + which + " ("
                                                        + time(deadline.toString()) + ")"),
                                t.cites));
                    case AWAITING_APPROVAL ->
                        lines.add(new Line(
                                "",
                                "Emergency change " + t.id + " awaits its approvals until " + time(deadline.toString()),
                                t.cites));
                    case APPROVED_IN_TIME -> {}
                }
            }
            if (t.unapprovedCount > 0) {
                lines.add(new Line(
                        "",
                        "CC8.1 change-management exception: change " + t.id + " \"" + text(t.request, "title")
                                + "\" went beyond its approval: approved for "
                                + String.join(", ", texts(t.request, "configItems")) + ", its diffs also changed "
                                + beyond(t)
                                + (t.unapprovedItems.isEmpty() ? "" : " (retested as the approved items are)"),
                        t.cites));
            }
            if (!emergency && t.madeBeforeApproval) {
                lines.add(new Line(
                        "",
                        "CC8.1 change-management exception: change " + t.id + " \"" + text(t.request, "title")
                                + "\" was made before its approvals: "
                                + (t.snapshotsBeforeApproval.isEmpty()
                                        ? "a post-change snapshot"
                                        : "its post-change snapshot " + String.join(", ", t.snapshotsBeforeApproval))
                                + " was received before the change was approved"
                                + (t.approvedAt() == null
                                        ? ""
                                        : " ("
                                                + time(java.util.Objects.requireNonNull(t.approvedAt())
                                                        .toString()) + ")"),
                        t.cites));
            }
            for (ChangeDecided.RoleGiven g : t.rolesGiven) {
                lines.add(new Line(
                        "",
                        SEGREGATION_EXCEPTION + ": change " + t.id + " \"" + text(t.request, "title") + "\" was "
                                + roleGiven(g),
                        t.cites));
            }
            if (t.executor != null && t.approvers.contains(t.executor)) {
                lines.add(new Line(
                        "",
                        "CC8.1 segregation-of-duties observation: " + t.executor + " approved change " + t.id + " \""
                                + text(t.request, "title") + "\" and carried it out",
                        t.cites));
            }
            List<String> after = Resubmissions.openTwins(t.id, asRequested).stream()
                    .map(Resubmissions.Request::id)
                    .filter(other -> order.indexOf(other) > order.indexOf(t.id))
                    .toList();
            if (!after.isEmpty()) {
                lines.add(new Line(
                        "",
                        "Requests open at once for the same configuration items: change " + t.id + " \""
                                + text(t.request, "title") + "\" and change " + String.join(", change ", after)
                                + " (" + String.join(", ", texts(t.request, "configItems")) + ")",
                        t.cites));
            }
            if (text(t.request, "kind").equals("ACCESS_RESTRICTION") && t.executedAt != null && !t.processesVerified) {
                lines.add(new Line(
                        "",
                        "Open risk: access restriction " + t.id + " may break "
                                + String.join(", ", texts(t.request, "businessProcesses"))
                                + "; nobody has recorded that these were verified after the change",
                        t.cites));
            }
        }
        long exceptions =
                lines.stream().filter(l -> l.text().startsWith(EXCEPTION)).count();
        List<String> notes = new ArrayList<>();
        String among = "among the " + requests + " change request" + (requests == 1 ? "" : "s") + " recorded";
        if (lines.isEmpty()) {
            notes.add("None " + among + ".");
        } else if (exceptions == 0) {
            notes.add("No CC8.1 change-management exception " + among + ".");
        }
        if (!uncovered.isEmpty()) {
            notes.add("Containment recorded on the timeline that no change request covers (none had been executed"
                    + " when the incident was contained). Change-management exceptions are judged on change"
                    + " requests, so these are not counted as such; an action that changed a configuration under"
                    + " audit goes through change control as an emergency change requested by the incident"
                    + " commander, and the auditor may ask for its record.");
            for (ReportEntry e : uncovered) {
                lines.add(new Line(
                        time(containedAt(e).toString()),
                        "Containment without a change request: \""
                                + text(java.util.Objects.requireNonNull(e.content()), "text") + "\"",
                        List.of(e.index())));
            }
        }
        return new Section(
                "change-exceptions", "Change-management exceptions (CC8.1) and open risks", notes, lines, null);
    }

    /** The changes as resubmissions see them, in the order they were requested. */
    private static List<Resubmissions.Request> requests(Map<String, Tracked> changes) {
        return changes.values().stream()
                .map(t -> new Resubmissions.Request(t.id, texts(t.request, "configItems"), t.status()))
                .toList();
    }

    /** The items a change touched beyond its approval: named, or counted where its diffs are privileged. */
    private static String beyond(Tracked t) {
        return t.unapprovedItems.isEmpty() ? Narration.items(t.unapprovedCount) : String.join(", ", t.unapprovedItems);
    }

    private static String hours(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + "-hour" : d.toMinutes() + "-minute";
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static String money(@Nullable BigDecimal amount) {
        return amount == null ? "" : String.format(Locale.ROOT, "%,.2f", amount);
    }
}
