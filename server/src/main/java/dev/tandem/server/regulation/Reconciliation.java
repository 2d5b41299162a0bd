package dev.tandem.server.regulation;

import dev.tandem.regulation.Assessment;
import dev.tandem.regulation.Obligation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Merges a new computation into the obligations kept for an incident: an obligation is the same
 * one when its rule id, jurisdiction and recipient are (ADR 043). Matched rows take the new
 * computed values and keep owner and status; new ones are added PENDING; rows no longer yielded
 * become SUPERSEDED. Nothing is deleted.
 */
final class Reconciliation {
    private Reconciliation() {}

    /** One obligation of the new computation, with where it goes and its order. */
    record Computed(
            String ruleId,
            String jurisdiction,
            String recipient,
            String regime,
            @Nullable Instant due,
            String dueText,
            String citation,
            String confidence,
            String requirement,
            String detail,
            StoredObligation.Placement placement,
            int position) {
        String key() {
            return StoredObligation.key(ruleId, jurisdiction, recipient);
        }

        /** Whether anything a person would notice differs from the stored row. */
        boolean differsFrom(StoredObligation o) {
            return !(Objects.equals(due, o.due())
                    && dueText.equals(o.dueText())
                    && regime.equals(o.regime())
                    && citation.equals(o.citation())
                    && confidence.equals(o.confidence())
                    && requirement.equals(o.requirement())
                    && detail.equals(o.detail())
                    && placement == o.placement());
        }
    }

    /**
     * @param added new obligations, to insert PENDING
     * @param kept existing rows matched by key, each with its new values (written even when only the
     *     order changed)
     * @param changed the keys of kept rows whose values or placement changed
     * @param superseded rows that were yielded before and are not now
     */
    record Plan(
            List<Computed> added,
            Map<StoredObligation, Computed> kept,
            List<String> changed,
            List<StoredObligation> superseded) {}

    /** The new computation as rows: the engine's obligations (OWED), then its notRequired (SET_ASIDE). */
    static List<Computed> computed(Assessment a, Function<Obligation, String> detail) {
        List<Computed> out = new ArrayList<>();
        int position = 0;
        for (Obligation o : a.obligations()) {
            out.add(computed(o, StoredObligation.Placement.OWED, position++, detail));
        }
        for (Obligation o : a.notRequired()) {
            out.add(computed(o, StoredObligation.Placement.SET_ASIDE, position++, detail));
        }
        return out;
    }

    private static Computed computed(
            Obligation o, StoredObligation.Placement placement, int position, Function<Obligation, String> detail) {
        return new Computed(
                o.ruleId(),
                o.jurisdiction(),
                o.recipient().name(),
                o.regime(),
                o.due(),
                o.dueText(),
                o.citation(),
                o.confidence().name(),
                o.status().name(),
                detail.apply(o),
                placement,
                position);
    }

    static Plan plan(List<StoredObligation> existing, List<Computed> next) {
        Map<String, StoredObligation> byKey = new LinkedHashMap<>();
        existing.forEach(o -> byKey.put(o.key(), o));
        List<Computed> added = new ArrayList<>();
        Map<StoredObligation, Computed> kept = new LinkedHashMap<>();
        List<String> changed = new ArrayList<>();
        for (Computed c : next) {
            StoredObligation old = byKey.remove(c.key());
            if (old == null) {
                added.add(c);
            } else {
                kept.put(old, c);
                if (c.differsFrom(old)) {
                    changed.add(c.key());
                }
            }
        }
        List<StoredObligation> superseded = byKey.values().stream()
                .filter(o -> o.placement() != StoredObligation.Placement.SUPERSEDED)
                .toList();
        return new Plan(added, kept, changed, superseded);
    }
}
