package dev.tandem.server.change;

import dev.tandem.change.ChangeRules;
import dev.tandem.change.Difference;
import dev.tandem.change.Resubmissions;
import dev.tandem.change.Segregation;
import dev.tandem.controls.ConfigItems;
import dev.tandem.controls.ControlTest;
import dev.tandem.controls.ObservationPeriod;
import dev.tandem.server.access.Access;
import dev.tandem.server.evidence.Vault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * A change as a caller may see it, for the API's answers and the change pages alike: a diff whose
 * snapshots the caller may not read is withheld (its count shown), as are the execution's notes
 * (the {@code change.executed} entry is privileged when a snapshot is FORENSIC), and a verified
 * closure that rests on FORENSIC evidence says only that it happened to whoever is not privileged.
 */
@Component
class ChangeViews {
    private final Vault vault;
    private final ControlTests register;
    private final Changes changes;

    ChangeViews(Vault vault, ControlTests register, Changes changes) {
        this.vault = vault;
        this.register = register;
        this.changes = changes;
    }

    /** A register test a change would put up for retest, and why. */
    record PreviewTestView(String control, String configItem, String testedOn, String tester, String reason) {}

    /**
     * Before a change runs: the register's tests it would put up for retest if run now, the controls
     * it names that the register never tested, whether now is outside the observation period, whether
     * a register was imported at all, and the fee estimate for these retests (docs/contracts.md §3).
     */
    record RetestPreviewView(
            List<PreviewTestView> retests,
            List<String> notInRegister,
            boolean outsidePeriod,
            boolean registerImported,
            ChangeController.FeeView fee) {}

    /**
     * An earlier request for the same configuration items, rejected or still open
     * ({@link Resubmissions#earlier}): its id, title, status, and the decision that refused it.
     */
    record EarlierView(
            String change,
            String title,
            String status,
            @Nullable String decision) {}

    record DecisionView(String role, String person, String decision, String comment, String at, long ledgerIndex) {}

    record AcknowledgementView(String auditor, String comment, String at, long ledgerIndex) {}

    /**
     * An approval by one given the role they approve in after the change was requested (a
     * segregation-of-duties exception, docs/adr/139-a-role-given-after-the-request.md): the approver,
     * the role, who gave it and when, the membership entry that gave it, the approval's entry, and the
     * exception in words.
     */
    record RoleGivenView(
            String approver,
            String role,
            String givenBy,
            String givenAt,
            long givenIndex,
            long approvalIndex,
            String exception) {}

    record DiffView(
            @Nullable String pre,
            String post,
            String format,
            int count,
            boolean truncated,
            @Nullable List<Difference> differences,
            boolean withheld) {}

    record VerificationView(
            String finding,
            @Nullable Boolean closed,
            @Nullable List<String> remaining,
            boolean privileged,
            long ledgerIndex) {}

    record ChangeView(
            String id,
            String incident,
            String status,
            String title,
            String system,
            String description,
            String kind,
            String risk,
            List<String> configItems,
            List<String> controls,
            List<String> preSnapshots,
            String rollbackPlan,
            boolean emergency,
            @Nullable String auditorAccess,
            List<String> businessProcesses,
            @Nullable String finding,
            String requestedAt,
            String requestedBy,
            long ledgerIndex,
            boolean approved,
            @Nullable String approvedAt,
            List<DecisionView> approvals,
            List<AcknowledgementView> acknowledgements,
            @Nullable String executedAt,
            @Nullable String executedBy,
            List<String> postSnapshots,
            @Nullable String executionNotes,
            @Nullable Long executionIndex,
            List<DiffView> diffs,
            @Nullable VerificationView verification,
            boolean openRisk,
            @Nullable String processesVerifiedAt,
            @Nullable String processesVerifiedBy,
            boolean executionNotesWithheld,
            @Nullable List<String> touchedItems,
            @Nullable List<String> unapprovedItems,
            List<String> snapshotsBeforeApproval,
            @Nullable List<String> unchangedItems,
            @Nullable String withdrawnAt,
            @Nullable String withdrawnBy,
            @Nullable String withdrawalReason,
            List<String> unmatchedItems,
            @Nullable RetestPreviewView retestPreview,
            @Nullable String emergencyApprovalWindow,
            boolean liaisonApprovalSuffices,
            @Nullable String segregationOfDuties,
            List<EarlierView> sameItemsAs,
            List<String> openAlongside,
            List<RoleGivenView> segregationExceptions,
            @Nullable String kindQuestion) {}

    /**
     * Whether {@code access} may read every snapshot of the change: the execution entry is privileged
     * when a snapshot is FORENSIC, and its notes, touched and unapproved items (named from the diffs)
     * and the retests drawn from them are read by those who may read every snapshot, as its diffs are.
     */
    boolean executionOpen(Change c, Access access) {
        return c.preSnapshots().stream().allMatch(s -> readable(s, access))
                && c.postSnapshots().stream().allMatch(s -> readable(s, access));
    }

    /**
     * What the view of a change reads of its incident: its changes (oldest first, as resubmissions
     * see them too, with each by its id) and its control test register with the observation period.
     * Read once for a change's view, and once for all the views of a list.
     */
    record IncidentRead(
            List<Change> changes,
            Map<String, Change> byId,
            List<Resubmissions.Request> requests,
            List<ControlTest> tests,
            @Nullable ObservationPeriod period) {
        static IncidentRead of(List<Change> changes, List<ControlTest> tests, @Nullable ObservationPeriod period) {
            Map<String, Change> byId = new LinkedHashMap<>();
            changes.forEach(c -> byId.put(c.id(), c));
            return new IncidentRead(
                    List.copyOf(changes),
                    byId,
                    changes.stream()
                            .map(x -> new Resubmissions.Request(x.id(), x.configItems(), x.status()))
                            .toList(),
                    List.copyOf(tests),
                    period);
        }
    }

    /**
     * The incident's changes, register and observation period, read once; the register as {@code
     * access} may read it (a register counsel pulled back is read as its item is).
     */
    IncidentRead incident(String incident, Access access) {
        return IncidentRead.of(
                changes.ofIncident(incident),
                register.register(incident, access.caller()).tests(),
                register.period(incident).map(ControlTests.Period::period).orElse(null));
    }

    ChangeView view(Change c, Access access) {
        return view(c, access, incident(c.incident(), access));
    }

    /**
     * Every change of the incident, oldest first, as {@code access} may see each: the incident's
     * changes and register are read once for all of them (docs/contracts.md §3).
     */
    List<ChangeView> list(String incident, Access access) {
        IncidentRead read = incident(incident, access);
        return read.changes().stream().map(c -> view(c, access, read)).toList();
    }

    /**
     * The incident's changes as CSV ({@link ChangesCsv}, docs/contracts.md "Additions"): the rows are
     * the views {@link #list} gives {@code access}, and each executed change's retests those the
     * caller's retests list has (drawn from its approved items alone when the caller may not read
     * every snapshot of it).
     */
    String csv(String incident, Access access) {
        Changes.RetestBill bill = changes.retests(incident, c -> executionOpen(c, access), access.caller());
        Map<String, List<dev.tandem.controls.Retest>> byChange = new LinkedHashMap<>();
        bill.retests()
                .forEach(r -> byChange.computeIfAbsent(r.change(), k -> new ArrayList<>())
                        .add(r));
        return ChangesCsv.write(list(incident, access), byChange);
    }

    /** The view of {@code c}, a change of {@code incident} as read ({@link #incident(String, Access)}). */
    ChangeView view(Change c, Access access, IncidentRead incident) {
        boolean executionOpen = executionOpen(c, access);
        Resubmission resubmission = resubmission(c, incident);
        List<ControlTest> tests = incident.tests();
        boolean notesWithheld = !executionOpen
                && c.executionNotes() != null
                && !c.executionNotes().isBlank();
        return new ChangeView(
                c.id(),
                c.incident(),
                c.status().name(),
                c.title(),
                c.system(),
                c.description(),
                c.kind().name(),
                c.risk().name(),
                c.configItems(),
                c.controls(),
                c.preSnapshots(),
                c.rollbackPlan(),
                c.emergency(),
                c.auditorAccess(),
                c.businessProcesses(),
                c.finding(),
                c.requestedAt().toString(),
                c.requestedBy(),
                c.ledgerIndex(),
                c.state().approved(),
                str(c.approvedAt()),
                c.decisions().stream()
                        .map(d -> new DecisionView(
                                d.role(),
                                d.person(),
                                d.approve() ? "APPROVE" : "REJECT",
                                d.comment(),
                                d.at().toString(),
                                d.ledgerIndex()))
                        .toList(),
                c.acknowledgements().stream()
                        .map(a -> new AcknowledgementView(a.auditor(), a.comment(), a.at().toString(), a.ledgerIndex()))
                        .toList(),
                str(c.executedAt()),
                c.executedBy(),
                c.postSnapshots(),
                notesWithheld ? null : c.executionNotes(),
                c.executionIndex(),
                c.diffs().stream()
                        .map(d -> {
                            boolean readable = readable(d.pre(), access) && readable(d.post(), access);
                            return new DiffView(
                                    d.pre(),
                                    d.post(),
                                    d.format(),
                                    d.differences().size(),
                                    d.truncated(),
                                    readable ? d.differences() : null,
                                    !readable);
                        })
                        .toList(),
                c.verification() == null ? null : verification(c.verification(), access),
                c.openRisk(),
                str(c.processesVerifiedAt()),
                c.processesVerifiedBy(),
                notesWithheld,
                // named from the diffs: withheld with them from whoever may not read every snapshot
                executionOpen ? c.scope().touchedItems() : null,
                executionOpen ? c.scope().unapprovedItems() : null,
                c.scope().snapshotsBeforeApproval(),
                executionOpen ? c.scope().unchangedItems() : null,
                c.withdrawal() == null ? null : c.withdrawal().at().toString(),
                c.withdrawal() == null ? null : c.withdrawal().by(),
                c.withdrawal() == null ? null : c.withdrawal().reason(),
                unmatched(c, tests),
                preview(c, tests, incident.period()),
                c.emergencyWindow() == null ? null : c.emergencyWindow().toString(),
                !c.state().approved() && changes.state(c).liaisonAlone(),
                Segregation.observation(c.id(), c.executedBy(), c.state().decisions()),
                resubmission.earlier(),
                resubmission.openAlongside(),
                segregationExceptions(c),
                ChangeRules.kindQuestion(c.kind(), c.configItems()));
    }

    /** The approvals by ones given the role they approve in after the request (ADR 139). */
    static List<RoleGivenView> segregationExceptions(Change c) {
        List<RoleGivenView> out = new java.util.ArrayList<>();
        for (Change.DecisionRow d : c.decisions()) {
            var g = d.roleGiven();
            if (g != null) {
                out.add(new RoleGivenView(
                        g.to(),
                        g.role(),
                        g.by(),
                        g.at(),
                        g.entry(),
                        d.ledgerIndex(),
                        Segregation.roleGivenException(
                                c.id(),
                                g.to(),
                                ChangeRules.words(dev.tandem.change.Approver.valueOf(g.role())),
                                g.by(),
                                g.at())));
            }
        }
        return out;
    }

    /**
     * The change's configuration items no row of the incident's control test register touches
     * (docs/contracts.md §3 "Configuration items"): "no audited control matches" them, told before
     * anyone approves, since a misspelt item escapes its retests.
     */
    List<String> unmatched(Change c, List<ControlTest> tests) {
        return ConfigItems.unmatched(
                c.configItems(), tests.stream().map(ControlTest::configItem).toList());
    }

    /** {@link Changes#preview}: null once the change ran, was withdrawn or rejected. */
    @Nullable
    RetestPreviewView preview(Change c, List<ControlTest> tests, @Nullable ObservationPeriod period) {
        Changes.RetestPreview p = changes.preview(c, tests, period);
        if (p == null) {
            return null;
        }
        var f = p.fee();
        return new RetestPreviewView(
                p.preview().retests().stream()
                        .map(r -> new PreviewTestView(
                                r.control(), r.configItem(), r.testedOn().toString(), r.tester(), r.reason()))
                        .toList(),
                p.preview().notInRegister(),
                p.preview().outsidePeriod(),
                p.registerImported(),
                new ChangeController.FeeView(f.low(), f.high(), f.currency(), f.lowShare(), f.highShare()));
    }

    /** The earlier requests for the same items a change is linked to, and those open alongside it. */
    record Resubmission(List<EarlierView> earlier, List<String> openAlongside) {}

    /**
     * The change's links to requests for the same configuration items ({@link Resubmissions}), among
     * the incident's changes as read.
     */
    Resubmission resubmission(Change c, IncidentRead incident) {
        List<Resubmissions.Request> requests = incident.requests();
        List<EarlierView> earlier = new ArrayList<>();
        for (Resubmissions.Request r : Resubmissions.earlier(c.id(), requests)) {
            Change e = java.util.Objects.requireNonNull(incident.byId().get(r.id()));
            earlier.add(new EarlierView(e.id(), e.title(), e.status().name(), decision(e)));
        }
        return new Resubmission(
                List.copyOf(earlier),
                Resubmissions.openTwins(c.id(), requests).stream()
                        .map(Resubmissions.Request::id)
                        .toList());
    }

    /** The rejection of a change in words ("rejected by … as the …: why"), or null when none rejected it. */
    static @Nullable String decision(Change c) {
        return c.decisions().stream()
                .filter(d -> !d.approve())
                .findFirst()
                .map(d -> "rejected by " + d.person() + " as the "
                        + ChangeRules.words(dev.tandem.change.Approver.valueOf(d.role())) + ": " + d.comment())
                .orElse(null);
    }

    private static VerificationView verification(Change.Verification v, Access access) {
        boolean open = !v.privileged() || access.caller().privileged();
        return new VerificationView(
                v.finding(), open ? v.closed() : null, open ? v.remaining() : null, v.privileged(), v.ledgerIndex());
    }

    private boolean readable(@Nullable String evidence, Access access) {
        if (evidence == null) {
            return true;
        }
        return vault.find(evidence)
                .map(i -> access.mayRead(i.id(), i.repository()))
                .orElse(false);
    }

    private static @Nullable String str(java.time.@Nullable Instant i) {
        return i == null ? null : i.toString();
    }
}
