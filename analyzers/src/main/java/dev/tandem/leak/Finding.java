package dev.tandem.leak;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One leak path found, with the lines that show it.
 *
 * @param records the estimated number of records exposed, null when the evidence cannot tell
 * @param controls SOC 2 criteria ids (CONTRACTS.md §4); ISO 27001 ids are on the pattern
 * @param rationale why this was reported: the thresholds and baselines it crossed
 * @param containment the changes that would close it
 */
public record Finding(
        LeakPattern pattern,
        Severity severity,
        String title,
        Subject subject,
        List<EvidenceRef> evidence,
        @Nullable Long records,
        List<String> controls,
        String rationale,
        List<ContainmentAction> containment) {

    public Finding {
        evidence = List.copyOf(evidence);
        controls = List.copyOf(controls);
        containment = List.copyOf(containment);
    }
}
