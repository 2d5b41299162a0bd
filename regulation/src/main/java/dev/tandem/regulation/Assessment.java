package dev.tandem.regulation;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The engine's answer for one incident at one moment.
 *
 * @param asOf the engine clock's instant: what "missed" is measured against (a notice the scope
 *     records as sent by its deadline is met)
 * @param obligations REQUIRED and CONDITIONAL obligations, soonest first, open-ended ones last
 * @param notRequired obligations a judgement or a safe harbour has set aside, with the reason
 * @param warnings what the engine could not evaluate (e.g. US people without a state)
 */
public record Assessment(
        Instant asOf,
        IncidentScope scope,
        List<Obligation> obligations,
        List<Obligation> notRequired,
        List<String> warnings,
        String rulesVersion,
        String disclaimer) {
    public Assessment {
        obligations = List.copyOf(obligations);
        notRequired = List.copyOf(notRequired);
        warnings = List.copyOf(warnings);
    }

    /** Required deadlines passed at {@link #asOf} and not met by a notice sent on time. */
    public List<Obligation> missed() {
        return obligations.stream().filter(this::isMissed).toList();
    }

    /** A required deadline passed at {@link #asOf} and not met by a notice recorded as sent by then. */
    public boolean isMissed(Obligation o) {
        if (!o.missedAt(asOf)) return false;
        Instant sent = sentAt(o);
        return sent == null || sent.isAfter(java.util.Objects.requireNonNull(o.due()));
    }

    /** When this obligation's notice was recorded as sent ({@link IncidentScope#noticesSent}), or null. */
    public @Nullable Instant sentAt(Obligation o) {
        return scope.noticesSent().get(RuleBook.family(o.ruleId()));
    }
}
