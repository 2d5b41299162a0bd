package dev.tandem.server.change;

import dev.tandem.change.ChangeKind;
import dev.tandem.change.ChangeRules;
import dev.tandem.change.ChangeStatus;
import dev.tandem.change.Difference;
import dev.tandem.change.Risk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A change request as stored, with its decisions, acknowledgements, diffs and closure check. */
public record Change(
        String id,
        String incident,
        String title,
        String system,
        String description,
        ChangeKind kind,
        Risk risk,
        List<String> configItems,
        List<String> controls,
        List<String> preSnapshots,
        String rollbackPlan,
        boolean emergency,
        @Nullable String auditorAccess,
        List<String> businessProcesses,
        @Nullable String finding,
        ChangeStatus status,
        Instant requestedAt,
        String requestedBy,
        long ledgerIndex,
        @Nullable Instant approvedAt,
        @Nullable Instant executedAt,
        @Nullable String executedBy,
        List<String> postSnapshots,
        @Nullable String executionNotes,
        @Nullable Long executionIndex,
        @Nullable Instant processesVerifiedAt,
        @Nullable String processesVerifiedBy,
        List<DecisionRow> decisions,
        List<Acknowledgement> acknowledgements,
        List<Diff> diffs,
        @Nullable Verification verification,
        Scope scope,
        @Nullable Withdrawal withdrawal,
        @Nullable Duration emergencyWindow) {

    /**
     * A decision; {@code roleGiven}: for an approval by one given the role they approve in after the
     * request, the entry that gave it (a segregation-of-duties exception), else null.
     */
    public record DecisionRow(
            String role,
            String person,
            boolean approve,
            String comment,
            Instant at,
            long ledgerIndex,
            dev.tandem.server.ledger.fact.ChangeDecided.@Nullable RoleGiven roleGiven) {
        public DecisionRow(String role, String person, boolean approve, String comment, Instant at, long ledgerIndex) {
            this(role, person, approve, comment, at, ledgerIndex, null);
        }
    }

    public record Acknowledgement(String auditor, String comment, Instant at, long ledgerIndex) {}

    public record Diff(
            @Nullable String pre, String post, String format, List<Difference> differences, boolean truncated) {}

    public record Verification(
            String finding, boolean closed, List<String> remaining, boolean privileged, long ledgerIndex) {}

    /**
     * What the execution's diffs show (docs/change-control.md "Execution"): the configuration items
     * they touched, those of them the approval did not cover (a change beyond its approval), the
     * post-change snapshots received before the change was approved (a change made before it), and
     * the approved items the diffs show no change to, where every diff names the items it changed
     * (not carried out, or outside what the snapshots hold).
     */
    public record Scope(
            List<String> touchedItems,
            List<String> unapprovedItems,
            List<String> snapshotsBeforeApproval,
            List<String> unchangedItems) {
        public static final Scope NONE = new Scope(List.of(), List.of(), List.of(), List.of());

        public Scope {
            touchedItems = List.copyOf(touchedItems);
            unapprovedItems = List.copyOf(unapprovedItems);
            snapshotsBeforeApproval = List.copyOf(snapshotsBeforeApproval);
            unchangedItems = List.copyOf(unchangedItems);
        }
    }

    /** A request withdrawn before it ran: by whom, when, why, and its ledger entry. */
    public record Withdrawal(String by, Instant at, String reason, long ledgerIndex) {}

    /**
     * What the change rules need of it. Its approval is complete when it was recorded so ({@code
     * approvedAt}): without an incident commander's decision, that is the audit liaison's approval
     * alone (docs/adr/106-emergency-approval-and-segregation-of-duties.md); whether that rule applies to a change still awaiting it depends on the
     * incident's commanders now ({@link ChangeRules#liaisonAlone}), which {@code Changes} asks.
     */
    public ChangeRules.State state() {
        List<ChangeRules.Decision> ds = decisions.stream()
                .map(d ->
                        new ChangeRules.Decision(d.person(), dev.tandem.change.Approver.valueOf(d.role()), d.approve()))
                .toList();
        boolean liaisonAlone = emergency
                && approvedAt != null
                && ds.stream().noneMatch(d -> d.role() == dev.tandem.change.Approver.INCIDENT_COMMANDER);
        return new ChangeRules.State(requestedBy, emergency, status, ds, liaisonAlone);
    }

    /** An access restriction stays an open risk until its business processes were verified after it ran. */
    public boolean openRisk() {
        return kind == ChangeKind.ACCESS_RESTRICTION && processesVerifiedAt == null;
    }
}
