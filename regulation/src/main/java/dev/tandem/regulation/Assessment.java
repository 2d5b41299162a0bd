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
 * @param notTriggered for each jurisdiction with people where nothing is owed or set aside, the laws
 *     of that jurisdiction that were checked and why none applies, so that "no obligation" never
 *     reads as "no law checked"
 */
public record Assessment(
        Instant asOf,
        IncidentScope scope,
        List<Obligation> obligations,
        List<Obligation> notRequired,
        List<String> warnings,
        String rulesVersion,
        String disclaimer,
        List<NotTriggered> notTriggered) {
    public Assessment {
        obligations = List.copyOf(obligations);
        notRequired = List.copyOf(notRequired);
        warnings = List.copyOf(warnings);
        notTriggered = List.copyOf(notTriggered);
    }

    /**
     * A law checked for the people of a jurisdiction that puts no duty on the incident.
     *
     * @param jurisdiction the code people were counted under ({@code US-MA})
     * @param regime the law's regime, as its rules name it
     * @param citation the citation of its rule (the first rule checked)
     * @param reason why it does not apply, in words
     */
    public record NotTriggered(String jurisdiction, String regime, String citation, String reason) {
        /** "US-MA: Massachusetts breach law (Mass. Gen. Laws ch. 93H, …) not triggered: …". */
        public String text() {
            return jurisdiction + ": " + regime + " (" + citation + ") not triggered: " + reason;
        }
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
