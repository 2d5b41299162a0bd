package dev.tandem.change;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Segregation of duties between approving and carrying out a change (SOC 2 CC8.1; docs/adr/106-emergency-approval-and-segregation-of-duties.md):
 * one person who approved a change and then carried it out is an observation an auditor testing
 * CC8.1 looks for. Recorded and told (the change's answer and page, the timeline, the
 * audit-continuity report), not refused: in an incident the commander may be the one able to act,
 * and a refusal would only have someone else press the button.
 */
public final class Segregation {
    private Segregation() {}

    /**
     * The approval roles in which {@code executor} approved the change, when they carried it out:
     * empty when no approver executed it (or it is not executed, {@code executor} null).
     */
    public static List<Approver> approvedAndExecuted(@Nullable String executor, List<ChangeRules.Decision> decisions) {
        if (executor == null) {
            return List.of();
        }
        return decisions.stream()
                .filter(d -> d.approve() && d.person().equals(executor))
                .map(ChangeRules.Decision::role)
                .toList();
    }

    /** The observation in words, or null when there is none. */
    public static @Nullable String observation(
            String change, @Nullable String executor, List<ChangeRules.Decision> decisions) {
        List<Approver> roles = approvedAndExecuted(executor, decisions);
        if (roles.isEmpty()) {
            return null;
        }
        return observation(change, java.util.Objects.requireNonNull(executor), ChangeRules.words(roles.getFirst()));
    }

    /** The observation in words, of {@code person} who approved as {@code role} (in words) and executed. */
    public static String observation(String change, String person, String role) {
        return "segregation-of-duties observation (SOC 2 CC8.1): " + person + " approved change " + change + " as the "
                + role + " and carried it out";
    }

    /**
     * The membership entry that gave {@code approver} the role they approve in ({@code role}, {@code
     * AUDIT_LIAISON} or {@code INCIDENT_COMMANDER}), when it is after the change was requested (its
     * {@code change.requested} entry at {@code requestIndex}): a segregation-of-duties exception,
     * since whoever gave the role after the request chose the change's approver
     * (docs/adr/139-a-role-given-after-the-request.md). {@code steps} are the incident's membership
     * entries before the approval, in ledger order ({@link ChangeRules.RoleStep}); empty when the
     * approver held the role since before the request, or holds another role.
     */
    public static Optional<ChangeRules.RoleStep> roleGivenAfterRequest(
            List<ChangeRules.RoleStep> steps, long requestIndex, String approver, String role) {
        ChangeRules.@Nullable RoleStep last = null;
        for (ChangeRules.RoleStep step : steps) {
            if (step.username().equals(approver)) {
                last = step;
            }
        }
        if (last == null || !role.equals(last.role()) || last.index() < requestIndex) {
            return Optional.empty();
        }
        return Optional.of(last);
    }

    /**
     * The exception in words: {@code approver} approved change {@code change} as the {@code role} (in
     * words), a role {@code by} gave them at {@code at} (ISO-8601), after the change was requested.
     */
    public static String roleGivenException(String change, String approver, String role, String by, String at) {
        return "segregation-of-duties exception (SOC 2 CC8.1): " + approver + " approved change " + change + " as the "
                + role + ", a role " + by + " gave them at " + at + ", after the change was requested";
    }
}
