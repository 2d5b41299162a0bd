package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An approver approved or rejected a change ({@code change.decided}): the incident commander or the
 * audit liaison, with the status the change moved to; whether its approvals are complete with this
 * decision ({@code approvalComplete}; absent from entries written before it), whether the audit
 * liaison's approval alone completed it ({@code liaisonAlone}: an emergency change of the incident's
 * only commander, docs/adr/106-emergency-approval-and-segregation-of-duties.md), and whether the approver carried the change out already ({@code
 * approverExecuted}: a segregation-of-duties observation).
 */
public record ChangeDecided(
        String incident,
        String change,
        String decision,
        String role,
        String comment,
        String status,
        @Nullable Boolean approvalComplete,
        boolean liaisonAlone,
        boolean approverExecuted)
        implements Fact {
    /** A decision as entries written before {@code approvalComplete} tell it. */
    public ChangeDecided(String incident, String change, String decision, String role, String comment, String status) {
        this(incident, change, decision, role, comment, status, null, false, false);
    }

    @Override
    public String type() {
        return "change.decided";
    }

    @Override
    public ObjectNode body() {
        ObjectNode b = Fact.object()
                .put("change", change)
                .put("decision", decision)
                .put("role", role)
                .put("comment", comment)
                .put("status", status);
        if (approvalComplete != null) {
            b.put("approvalComplete", approvalComplete);
        }
        if (liaisonAlone) {
            b.put("liaisonAlone", true);
        }
        if (approverExecuted) {
            b.put("approverExecuted", true);
        }
        return b;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
