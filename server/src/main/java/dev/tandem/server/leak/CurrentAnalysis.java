package dev.tandem.server.leak;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which completed leak analysis of an incident is its current one: what the findings answer and page
 * show by default, and what the scope checks and the notice drafts quote (ADR 148). Walking the
 * analyses in the order they completed, a completed one becomes current only when the evidence items
 * it read cover every item the current one read (the same items, or more); a narrower, overlapping or
 * disjoint re-run does not replace it, and a job that did not complete never counts. So a responder
 * who re-analyses one file never shrinks the numbers the findings and the notice quote.
 */
public final class CurrentAnalysis {
    private CurrentAnalysis() {}

    /**
     * An analysis as the rule sees it.
     *
     * @param id its job id
     * @param completed whether it completed (a failed or cancelled job never becomes current)
     * @param inputs the ids of the evidence items it read, as its job resolved them when queued
     */
    public record Run(String id, boolean completed, Set<String> inputs) {
        public Run {
            inputs = Set.copyOf(inputs);
        }
    }

    /** How an analysis's items stand to the current one's. */
    public enum Inputs {
        /** The same items. */
        SAME,
        /** Some of the current one's items and no other. */
        NARROWER,
        /** Every item of the current one, and more. */
        WIDER,
        /** Some of the current one's items and others it did not read. */
        OVERLAPPING,
        /** None of the current one's items. */
        DISJOINT;

        /** In words, how an analysis's items stand to those of the current one ("it read …"). */
        public String phrase() {
            return switch (this) {
                case SAME -> "the same items as the current analysis";
                case NARROWER -> "only some of the items the current analysis read";
                case WIDER -> "every item the current analysis read, and more";
                case OVERLAPPING -> "some of the current analysis's items and others it did not read";
                case DISJOINT -> "none of the items the current analysis read";
            };
        }

        /** How {@code items} stand to {@code current}'s. */
        static Inputs of(Set<String> items, Set<String> current) {
            boolean coversCurrent = items.containsAll(current);
            boolean coveredByCurrent = current.containsAll(items);
            if (coversCurrent && coveredByCurrent) return SAME;
            if (coversCurrent) return WIDER;
            if (coveredByCurrent) return NARROWER;
            Set<String> common = new HashSet<>(items);
            common.retainAll(current);
            return common.isEmpty() ? DISJOINT : OVERLAPPING;
        }
    }

    /**
     * Another completed analysis and how it stands to the current one.
     *
     * @param newer whether it completed after the current one (and so did not replace it)
     */
    public record Other(String id, boolean newer, Inputs inputs) {}

    /**
     * The rule's answer.
     *
     * @param current the current analysis; empty when none completed
     * @param others every other completed analysis, newest first
     */
    public record Choice(Optional<String> current, List<Other> others) {
        public Choice {
            others = List.copyOf(others);
        }

        /** The analyses completed after the current one, which did not replace it, newest first. */
        public List<Other> newer() {
            return others.stream().filter(Other::newer).toList();
        }
    }

    /** The current analysis among {@code runs}, given in the order they completed (oldest first). */
    public static Choice of(List<Run> runs) {
        Run current = null;
        List<Run> completed = new ArrayList<>();
        for (Run r : runs) {
            if (!r.completed()) {
                continue;
            }
            completed.add(r);
            if (current == null || r.inputs().containsAll(current.inputs())) {
                current = r;
            }
        }
        List<Other> others = new ArrayList<>();
        boolean newer = true;
        for (Run r : completed.reversed()) {
            if (r == current) {
                newer = false;
                continue;
            }
            others.add(new Other(r.id(), newer, Inputs.of(r.inputs(), current.inputs())));
        }
        return new Choice(Optional.ofNullable(current).map(Run::id), others);
    }
}
