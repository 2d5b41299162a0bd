package dev.tandem.regulation;

import java.time.Instant;
import java.util.List;

/**
 * The engine's answer for one incident at one moment.
 *
 * @param asOf the engine clock's instant: what "missed" is measured against
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

    public List<Obligation> missed() {
        return obligations.stream().filter(o -> o.missedAt(asOf)).toList();
    }
}
