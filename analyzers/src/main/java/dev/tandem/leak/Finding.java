package dev.tandem.leak;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One leak path found, with the lines that show it.
 *
 * @param records the estimated number of records exposed, null when the evidence cannot tell
 * @param controls SOC 2 criteria ids (docs/contracts.md §4); ISO 27001 ids are on the pattern
 * @param rationale why this was reported: the thresholds and baselines it crossed
 * @param containment the changes that would close it
 * @param sources every file (an input's name, or {@code name!/member}) whose lines were offered as
 *     evidence for it, the lines left out by the cap on evidence included: what contributed to it
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
        List<ContainmentAction> containment,
        Set<String> sources) {

    public Finding {
        evidence = List.copyOf(evidence);
        controls = List.copyOf(controls);
        // one proposal per action: a holder reached two ways (a permission set assigned directly and
        // through a group) proposes the same removal once
        containment = List.copyOf(new java.util.LinkedHashSet<>(containment));
        Set<String> all = new TreeSet<>(sources);
        evidence.forEach(e -> all.add(e.file()));
        sources = Collections.unmodifiableSet(all);
    }

    /** A finding that rests on exactly the files of its evidence lines. */
    public Finding(
            LeakPattern pattern,
            Severity severity,
            String title,
            Subject subject,
            List<EvidenceRef> evidence,
            @Nullable Long records,
            List<String> controls,
            String rationale,
            List<ContainmentAction> containment) {
        this(pattern, severity, title, subject, evidence, records, controls, rationale, containment, Set.of());
    }
}
