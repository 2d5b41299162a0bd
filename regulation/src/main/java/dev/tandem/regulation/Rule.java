package dev.tandem.regulation;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One notification duty: a regime's notice to one recipient, as data from the rule file.
 *
 * @param zone the time zone whose calendar days and in-force dates the rule uses
 * @param notes what counsel should know that the other fields cannot say
 * @param warning said among the assessment's warnings, with the jurisdiction, whenever the rule is
 *     owed (or waits on a judgement): what a responder must not miss (Massachusetts forbids what a
 *     nationwide letter says); null for none
 * @param primary the fields (of {@link #FIELDS}) that were checked against the law's own text; the
 *     others come from summaries. {@code confidence} is PRIMARY exactly when recipient, trigger and
 *     deadline all are.
 * @param transposition for a directive that binds only through national law (NIS2): each member
 *     state's transposing law, in force from a date or not confirmed in force; a state not listed has
 *     no record
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
        @Nullable String notes,
        Set<String> primary,
        Map<String, Transposition> transposition,
        @Nullable String warning) {

    /** The fields whose provenance a rule states (PRIMARY or from a summary), in table order. */
    public static final List<String> FIELDS =
            List.of("recipient", "trigger", "deadline", "content", "inForce", "citation");

    /** The fields that decide the overall confidence of the contract's {@code confidence}. */
    public static final Set<String> DECISIVE = Set.of("recipient", "trigger", "deadline");

    /**
     * A national law transposing a directive.
     *
     * @param from the day it applies from; null when it is not confirmed in force (a bill, or a law
     *     whose entry into force the sources do not give)
     * @param law the law, or the bill and how far it got
     * @param primary whether the date was read in the law's own text (else from summaries)
     * @param source where the date or the status was found
     * @param checked the day the sources were searched
     */
    public record Transposition(
            @Nullable LocalDate from, String law, boolean primary, String source, LocalDate checked) {
        /** Whether the law is known to apply from a date. */
        public boolean dated() {
            return from != null;
        }
    }

    /** Whether a field was checked against the law's own text. */
    public boolean checked(String field) {
        return primary.contains(field);
    }

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
        /** An establishment in the EU/EEA, or for NIS2 Art. 26(3) a representative there. */
        EU_ESTABLISHMENT,
        /** A HIPAA covered entity (45 CFR 160.103). */
        HIPAA_COVERED_ENTITY,
        /** A HIPAA business associate (45 CFR 160.103). */
        HIPAA_BUSINESS_ASSOCIATE,
        /** A financial institution under the Gramm-Leach-Bliley Act (FTC Safeguards Rule, SEC Regulation S-P). */
        FINANCIAL_INSTITUTION,
        /** Regulated by the New York Department of Financial Services (23 NYCRR 500). */
        NYDFS_COVERED,
        /** The incident was caused by an outsider's unauthorized access (hacking, ransomware). */
        UNAUTHORIZED_ACCESS,
        /** A smaller reporting company (17 CFR 229.10(f)(1)). */
        SMALLER_REPORTING_COMPANY
    }

    /** How one rule becomes obligations for several authorities. */
    public enum FanOut {
        NONE,
        /** GDPR: the lead authority with an EU establishment (Art. 56), else each affected member state. */
        LEAD_AUTHORITY_OR_EACH_COUNTRY,
        /** NIS2: the member state of the main establishment (Art. 26(1)(b)), or of the representative (26(3)). */
        MAIN_ESTABLISHMENT,
        /**
         * One obligation per state or territory whose own count meets the threshold (HIPAA media
         * notice: "more than 500 residents of a State or jurisdiction", 45 CFR 164.406).
         */
        EACH_SUBDIVISION
    }

    /**
     * When the rule applies.
     *
     * @param scope codes whose affected people count (a country also counts its subdivisions, a
     *     region its members); empty when the rule needs no affected people (SEC, NIS2, card brands)
     * @param categories any of these triggers the rule; empty means any personal data
     * @param minAffected at least this many people in scope ("more than 500" is 501)
     * @param orAffectedAtLeast when set, this many people trigger the rule whatever the categories
     * @param excludesFacts none of these may hold (SEC: smaller reporting companies before their date)
     * @param orFacts any of these triggers the rule whatever the categories and counts, given people in
     *     scope (APPI, PIPA: a leak by unauthorized access is reportable at any size)
     * @param anywhereIfEstablishedIn with an establishment in one of these codes or regions, affected
     *     people anywhere count (GDPR Art. 3(1): the law follows the controller's establishment)
     * @param requiresEstablishmentIn the company must be established in one of these codes or regions
     * @param under when set, only fewer than this many people trigger the rule (HIPAA: breaches of
     *     fewer than 500 go to HHS in the annual log)
     */
    public record Trigger(
            List<String> scope,
            Set<DataCategory> categories,
            long minAffected,
            @Nullable Long orAffectedAtLeast,
            Role role,
            boolean encryptionSafeHarbour,
            Set<Fact> requiresFacts,
            FanOut fanOut,
            Set<Fact> excludesFacts,
            Set<Fact> orFacts,
            List<String> anywhereIfEstablishedIn,
            List<String> requiresEstablishmentIn,
            @Nullable Long under) {}

    /**
     * A question the law leaves to judgement.
     *
     * @param requiredIf the answer that makes the notice due
     * @param presumed whether the notice is owed while nobody has answered (GDPR Art. 33: owed unless
     *     the breach is unlikely to result in a risk)
     * @param citation the provision that asks the question for this rule's law (UK GDPR Art. 33(1) for
     *     the UK rule, GDPR Art. 33(1) for the EU's), or null for the question's own citation
     */
    public record QuestionRef(
            String key,
            Answer requiredIf,
            boolean presumed,
            @Nullable String citation) {

        /** The provision an obligation of this rule cites for the question. */
        public String citationOr(String questionCitation) {
            return citation == null ? questionCitation : citation;
        }
    }

    /** What starts the clock. */
    public enum ClockStart {
        AWARENESS,
        /** The instant of the decision on the rule's question (SEC: the materiality determination). */
        DECISION,
        /**
         * When the company determined (or confirmed) that a breach occurred, where the law says so
         * (e.g. Colorado, Texas); awareness until a determination time is given, the safe default.
         */
        DETERMINATION,
        /** When another recorded notice was sent (California AG: 15 days after the residents' notice). */
        NOTICE,
        /**
         * When another recorded notice was sent with gaps (GDPR Art. 33(4): the information not given
         * may follow in phases): the rule is owed only once that notice is recorded as sent incomplete
         * ({@link IncidentScope#incompleteNotices}), never before and never for a complete one.
         */
        INCOMPLETE_NOTICE,
        /**
         * The end (23:59:59) of the calendar year of awareness in the rule's zone: HIPAA's report of
         * breaches of fewer than 500 people, due within 60 days after the end of the year they were
         * discovered in (45 CFR 164.408(c)).
         */
        YEAR_END
    }

    /** How the due instant follows from the clock start. */
    public enum DeadlineKind {
        HOURS,
        CALENDAR_DAYS,
        BUSINESS_DAYS,
        /** Calendar months (NIS2 final report: one month after the notification). */
        MONTHS,
        NONE
    }

    /**
     * @param calendar a calendar id from the rule file's {@code calendars}, for business days
     * @param text the law's own wording of the time limit
     * @param dayEnds when the last day of a day-counted period ends in the rule's zone (23:59:59, or
     *     17:30 for EDGAR filings, 17 CFR 232.13(a)(2))
     * @param urgent "immediately", "without undue delay" and the like: before any fixed deadline
     * @param after for a clock that runs from another notice (NOTICE, INCOMPLETE_NOTICE): that notice's
     *     rule id (without version)
     * @param startDayCounts calendar days only: the day the clock starts is day 1 of the period (the
     *     Japanese PPC counts so: "the day it became aware is day 1"), not the day before day 1
     */
    public record DeadlineSpec(
            DeadlineKind kind,
            int amount,
            @Nullable String calendar,
            ClockStart from,
            String text,
            LocalTime dayEnds,
            boolean urgent,
            @Nullable String after,
            boolean startDayCounts) {
        public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

        public DeadlineSpec(DeadlineKind kind, int amount, @Nullable String calendar, ClockStart from, String text) {
            this(kind, amount, calendar, from, text, END_OF_DAY, false, null, false);
        }
    }

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
