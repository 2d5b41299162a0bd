package dev.tandem.regulation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One notification duty: a regime's notice to one recipient, as data from the rule file.
 *
 * @param zone the time zone whose calendar days and in-force dates the rule uses
 * @param notes what counsel should know that the other fields cannot say
 */
public record Rule(
        String id,
        String regime,
        String jurisdiction,
        Recipient recipient,
        Trigger trigger,
        @Nullable QuestionRef question,
        DeadlineSpec deadline,
        ZoneId zone,
        List<String> content,
        String citation,
        Confidence confidence,
        String source,
        InForce inForce,
        @Nullable String notes) {

    /** Whether the company's role must be controller, processor, or either. */
    public enum Role {
        CONTROLLER,
        PROCESSOR,
        ANY
    }

    /** Facts about the company a rule may require. */
    public enum Fact {
        SEC_REGISTRANT,
        CARD_MERCHANT,
        ONLINE_MARKETPLACE,
        EU_ESTABLISHMENT
    }

    /** How one rule becomes obligations for several authorities. */
    public enum FanOut {
        NONE,
        /** GDPR: the lead authority with an EU establishment (Art. 56), else each affected member state. */
        LEAD_AUTHORITY_OR_EACH_COUNTRY,
        /** NIS2: the member state of the main establishment (Art. 26(1)(b)). */
        MAIN_ESTABLISHMENT
    }

    /**
     * When the rule applies.
     *
     * @param scope codes whose affected people count (a country also counts its subdivisions, a
     *     region its members); empty when the rule needs no affected people (SEC, NIS2, card brands)
     * @param categories any of these triggers the rule; empty means any personal data
     * @param minAffected at least this many people in scope ("more than 500" is 501)
     * @param orAffectedAtLeast when set, this many people trigger the rule whatever the categories
     */
    public record Trigger(
            List<String> scope,
            Set<DataCategory> categories,
            long minAffected,
            @Nullable Long orAffectedAtLeast,
            Role role,
            boolean encryptionSafeHarbour,
            Set<Fact> requiresFacts,
            FanOut fanOut) {}

    /**
     * A question the law leaves to judgement.
     *
     * @param requiredIf the answer that makes the notice due
     * @param presumed whether the notice is owed while nobody has answered (GDPR Art. 33: owed unless
     *     the breach is unlikely to result in a risk)
     */
    public record QuestionRef(String key, Answer requiredIf, boolean presumed) {}

    /** What starts the clock. */
    public enum ClockStart {
        AWARENESS,
        /** The instant of the decision on the rule's question (SEC: the materiality determination). */
        DECISION
    }

    /** How the due instant follows from the clock start. */
    public enum DeadlineKind {
        HOURS,
        CALENDAR_DAYS,
        BUSINESS_DAYS,
        NONE
    }

    /**
     * @param calendar a calendar id from the rule file's {@code calendars}, for business days
     * @param text the law's own wording of the time limit
     */
    public record DeadlineSpec(
            DeadlineKind kind, int amount, @Nullable String calendar, ClockStart from, String text) {}

    /** The dates (in the rule's zone) the rule is in force, both inclusive; {@code to} open when null. */
    public record InForce(LocalDate from, @Nullable LocalDate to) {
        public boolean covers(LocalDate d) {
            return !d.isBefore(from) && (to == null || !d.isAfter(to));
        }

        @Override
        public String toString() {
            return to == null ? "since " + from : from + " to " + to;
        }
    }
}
