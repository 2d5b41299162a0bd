package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An approver approved or rejected a change ({@code change.decided}): the incident commander or the
 * audit liaison, with the status the change moved to; whether its approvals are complete with this
 * decision ({@code approvalComplete}; absent from entries written before it), whether the audit
 * liaison's approval alone completed it ({@code liaisonAlone}: an emergency change of the incident's
 * only commander, docs/adr/106-emergency-approval-and-segregation-of-duties.md), and whether the approver carried the change out already ({@code
 * approverExecuted}: a segregation-of-duties observation), and, for an approval by one given the
 * role they approve in after the change was requested, who gave it, to whom and when ({@code
 * roleGivenAfterRequest}: a segregation-of-duties exception, docs/adr/139-a-role-given-after-the-request.md).
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
        boolean approverExecuted,
        @Nullable RoleGiven roleGiven)
        implements Fact {
    /**
     * The membership entry ({@code member.added} or {@code member.changed} at {@code entry}) by which
     * {@code by} made {@code to} the {@code role} they approve in, at {@code at} (ISO-8601), after the
     * change was requested.
     */
    public record RoleGiven(String by, String to, String role, String at, long entry) {
        /** As {@code change.decided} writes it under {@code roleGivenAfterRequest}. */
        public ObjectNode json() {
            return Fact.object()
                    .put("by", by)
                    .put("to", to)
                    .put("role", role)
                    .put("at", at)
                    .put("entry", entry);
        }

        /** As {@code change.decided} wrote it, or null when it says none. */
        public static @Nullable RoleGiven of(tools.jackson.databind.JsonNode decided) {
            tools.jackson.databind.JsonNode g = decided.path("roleGivenAfterRequest");
            if (!g.isObject()) {
                return null;
            }
            return new RoleGiven(
                    g.path("by").asString(),
                    g.path("to").asString(),
                    g.path("role").asString(),
                    g.path("at").asString(),
                    g.path("entry").asLong());
        }
    }

    /** A decision as entries written before {@code approvalComplete} tell it. */
    public ChangeDecided(String incident, String change, String decision, String role, String comment, String status) {
        this(incident, change, decision, role, comment, status, null, false, false, null);
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
        if (roleGiven != null) {
            b.set("roleGivenAfterRequest", roleGiven.json());
        }
        return b;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
