package dev.tandem.regulation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notice owed (or possibly owed) for an incident: the first seven components are the contract of
 * {@code tandem deadlines --format json} (docs/contracts.md §4).
 *
 * @param due the exact instant, or null where the law sets no fixed time or the clock has not started
 * @param dueText the law's wording of the time limit (and why {@code due} is null, when it is); for a
 *     duty that binds only through a national law not confirmed in force, a closing {@code [through
 *     national law: …]} saying so
 * @param status REQUIRED, CONDITIONAL (waits on a person's judgement) or NOT_REQUIRED
 * @param question the judgement the obligation depends on, if any, with its answer once given
 * @param basis why the rule applies (or does not), in words
 * @param clock how {@code due} was computed
 * @param clockStart when the clock started, null while it waits for a decision or another notice
 * @param urgent owed "immediately" or "without undue delay": listed before every fixed deadline
 * @param leadAuthority for a notice to the lead supervisory authority of the GDPR's one-stop shop:
 *     the member state of the main establishment, whose authority receives it (GDPR Art. 56(1));
 *     null otherwise. {@code jurisdiction} stays the regime's ("EU").
 */
public record Obligation(
        String regime,
        String jurisdiction,
        Recipient recipient,
        @Nullable Instant due,
        String dueText,
        String citation,
        Confidence confidence,
        Status status,
        @Nullable QuestionState question,
        String basis,
        String clock,
        @Nullable Instant clockStart,
        String ruleId,
        List<String> content,
        @Nullable String notes,
        boolean urgent,
        @Nullable String leadAuthority) {

    public enum Status {
        REQUIRED,
        CONDITIONAL,
        NOT_REQUIRED
    }

    /** A question from the rule file and, once a person has decided, their judgement. */
    public record QuestionState(
            String key,
            String text,
            String citation,
            @Nullable Judgement judgement) {

        /**
         * Puts {@code "question"} into {@code parent}: null, or the question with its answer, who
         * decided, when and why — one JSON shape for the CLI and the server.
         */
        public static void putInto(ObjectNode parent, @Nullable QuestionState q) {
            if (q == null) {
                parent.putNull("question");
                return;
            }
            var node = parent.putObject("question");
            node.put("key", q.key());
            node.put("text", q.text());
            node.put("citation", q.citation());
            if (q.judgement() == null) {
                node.putNull("answer");
            } else {
                node.put("answer", q.judgement().answer().name());
                node.put("decidedBy", q.judgement().decidedBy());
                node.put("decidedAt", q.judgement().decidedAt().toString());
                node.put("reason", q.judgement().reason());
            }
        }
    }

    /** The due instant in a time zone (the incident's, for people to read). */
    public Optional<ZonedDateTime> dueIn(ZoneId zone) {
        return due == null ? Optional.empty() : Optional.of(due.atZone(zone));
    }

    /** A required notice whose fixed deadline has passed. */
    public boolean missedAt(Instant now) {
        return status == Status.REQUIRED && due != null && now.isAfter(due);
    }
}
