package dev.tandem.server.ledger.fact;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A change request was made ({@code change.requested}, docs/change-control.md). Always in the
 * clear: a change request is the requester's statement for the audit track, read by every member
 * of the incident, the auditor included. Its pre-change snapshots are named by id only (what their
 * stubs show); what a FORENSIC snapshot holds reaches the ledger only in the privileged
 * {@code change.executed} entry. A request filled from a finding names the finding by id only. An
 * emergency change records the approval window in force when it was requested ({@code
 * emergencyApprovalWindow}, ISO-8601), which the reports judge it by (docs/contracts.md §3).
 */
public record ChangeRequested(
        String incident,
        String change,
        String title,
        String system,
        String description,
        String kind,
        String risk,
        List<String> configItems,
        List<String> controls,
        List<String> suggestedControls,
        List<String> preSnapshots,
        String rollbackPlan,
        boolean emergency,
        @Nullable String auditorAccess,
        List<String> businessProcesses,
        @Nullable String finding,
        @Nullable String emergencyApprovalWindow)
        implements Fact {
    public ChangeRequested {
        configItems = List.copyOf(configItems);
        controls = List.copyOf(controls);
        suggestedControls = List.copyOf(suggestedControls);
        preSnapshots = List.copyOf(preSnapshots);
        businessProcesses = List.copyOf(businessProcesses);
    }

    @Override
    public String type() {
        return "change.requested";
    }

    @Override
    public ObjectNode body() {
        ObjectNode b = Fact.object()
                .put("change", change)
                .put("title", title)
                .put("system", system)
                .put("description", description)
                .put("kind", kind)
                .put("risk", risk);
        configItems.forEach(b.putArray("configItems")::add);
        controls.forEach(b.putArray("controls")::add);
        suggestedControls.forEach(b.putArray("suggestedControls")::add);
        preSnapshots.forEach(b.putArray("preSnapshots")::add);
        b.put("rollbackPlan", rollbackPlan).put("emergency", emergency);
        if (emergencyApprovalWindow != null) {
            // the window in force when it was requested, which every report judges it by
            b.put("emergencyApprovalWindow", emergencyApprovalWindow);
        }
        if (auditorAccess != null) {
            b.put("auditorAccess", auditorAccess);
        }
        businessProcesses.forEach(b.putArray("businessProcesses")::add);
        if (finding != null) {
            b.put("finding", finding);
        }
        return b;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
