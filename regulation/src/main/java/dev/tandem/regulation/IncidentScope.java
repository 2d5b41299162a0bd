package dev.tandem.regulation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the engine needs to know about an incident.
 *
 * @param awareAt when the company became aware (GDPR Art. 33(1)), or determined the breach (US states)
 * @param categories the data categories involved; empty when not yet known
 * @param timeZone the incident's zone, in which due instants are shown
 */
public record IncidentScope(
        Instant awareAt, Subjects subjects, Set<DataCategory> categories, CompanyFacts facts, ZoneId timeZone) {
    public IncidentScope {
        Objects.requireNonNull(awareAt, "awareAt");
        Objects.requireNonNull(subjects, "subjects");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(timeZone, "timeZone");
        categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
    }
}
