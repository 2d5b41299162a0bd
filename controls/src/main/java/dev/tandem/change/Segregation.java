package dev.tandem.change;

import java.util.List;
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
}
