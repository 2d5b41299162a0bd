package dev.tandem.regulation;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A decision on a question the law leaves to judgement (likely risk, high risk, materiality), with
 * who decided, when and why: the record the server keeps as a ledger entry. For a question that
 * starts a clock (SEC Form 8-K Item 1.05: "four business days after the registrant determines"),
 * {@code decidedAt} is the determination instant.
 *
 * @param question the question key as named in the rule file (e.g. {@code MATERIAL})
 * @param recordedAt when the decision was recorded (the server's {@code judgement.recorded} entry),
 *     which may be later than {@code decidedAt}; null when not known (a decision given on the command
 *     line)
 */
public record Judgement(
        String question,
        Answer answer,
        String decidedBy,
        Instant decidedAt,
        String reason,
        @Nullable Instant recordedAt) {
    public Judgement {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (decidedBy == null || decidedBy.isBlank()) {
            throw new InvalidScopeException("a judgement on " + question + " must name who decided");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidScopeException("a judgement on " + question + " must give a reason");
        }
    }

    /** A judgement whose recording time is not known. */
    public Judgement(String question, Answer answer, String decidedBy, Instant decidedAt, String reason) {
        this(question, answer, decidedBy, decidedAt, reason, null);
    }

    /** "RISK NO (decided at …, recorded at …, by …)": how warnings and bases name a judgement. */
    public String describe() {
        return question + " " + answer + " (decided at " + decidedAt + ", recorded at "
                + (recordedAt == null ? "an unknown time" : recordedAt.toString()) + ", by " + decidedBy + ")";
    }
}
