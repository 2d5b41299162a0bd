package dev.tandem.regulation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the engine needs to know about an incident.
 *
 * @param awareAt when the company became aware (GDPR Art. 33(1))
 * @param categories the data categories involved; empty when not yet known
 * @param timeZone the incident's zone, in which due instants are shown
 * @param determinedAt when the company determined (or confirmed) that a breach occurred, for the laws
 *     whose clock runs from that (Colorado, Texas, ...; not Florida, which counts from the reason to
 *     believe); null: awareness, the safe default
 * @param noticesSent notices already sent, by rule id without version ({@code us-ca-individuals}), for
 *     the clocks that run from another notice
 * @param incompleteNotices of those, the ones recorded as sent with gaps (GDPR Art. 33(4): the
 *     information may follow in phases), by the same rule id: the rules whose clock is an {@code
 *     INCOMPLETE_NOTICE} of one are owed only then
 */
public record IncidentScope(
        Instant awareAt,
        Subjects subjects,
        Set<DataCategory> categories,
        CompanyFacts facts,
        ZoneId timeZone,
        @Nullable Instant determinedAt,
        Map<String, Instant> noticesSent,
        Map<String, IncompleteNotice> incompleteNotices) {

    /**
     * A notice recorded as sent with gaps.
     *
     * @param jurisdiction the jurisdiction of the obligation it filed ({@code EU} for the lead
     *     authority, a member state otherwise); null: whichever the rule is owed in
     * @param gaps what the notice did not give, in the words of the check that found them (empty: the
     *     sender said it was incomplete without naming the gaps)
     */
    public record IncompleteNotice(@Nullable String jurisdiction, List<String> gaps) {
        public IncompleteNotice {
            gaps = List.copyOf(gaps);
        }
    }

    public IncidentScope {
        Objects.requireNonNull(awareAt, "awareAt");
        Objects.requireNonNull(subjects, "subjects");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(timeZone, "timeZone");
        categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
        noticesSent = Map.copyOf(noticesSent);
        incompleteNotices = Map.copyOf(incompleteNotices);
        if (determinedAt != null && determinedAt.isBefore(awareAt)) {
            throw new InvalidScopeException("the determination time " + determinedAt + " is before awareness " + awareAt
                    + ": a breach is determined after the company learns of it");
        }
    }

    public IncidentScope(
            Instant awareAt, Subjects subjects, Set<DataCategory> categories, CompanyFacts facts, ZoneId timeZone) {
        this(awareAt, subjects, categories, facts, timeZone, null, Map.of());
    }

    public IncidentScope(
            Instant awareAt,
            Subjects subjects,
            Set<DataCategory> categories,
            CompanyFacts facts,
            ZoneId timeZone,
            @Nullable Instant determinedAt,
            Map<String, Instant> noticesSent) {
        this(awareAt, subjects, categories, facts, timeZone, determinedAt, noticesSent, Map.of());
    }

    /**
     * Whether times shown in {@code zone} ignore summer time: a fixed offset other than UTC ({@code
     * -05:00}, {@code UTC+02:00}, {@code Etc/GMT+5}). A deadline after a change of clocks then shows at
     * another clock time than the law's (Vermont's 23:59:59 EDT reads 22:59:59-05:00), the same instant.
     */
    public static boolean fixedOffset(ZoneId zone) {
        return zone.getRules().isFixedOffset()
                && zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() != 0;
    }
}
