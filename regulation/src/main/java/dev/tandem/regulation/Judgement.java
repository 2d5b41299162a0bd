package dev.tandem.regulation;

import java.time.Instant;
import java.util.Objects;

/**
 * A decision on a question the law leaves to judgement (likely risk, high risk, materiality), with
 * who decided, when and why: the record the server keeps as a ledger entry. For a question that
 * starts a clock (SEC Form 8-K Item 1.05: "four business days after the registrant determines"),
 * {@code decidedAt} is the determination instant.
 *
 * @param question the question key as named in the rule file (e.g. {@code MATERIAL})
 */
public record Judgement(String question, Answer answer, String decidedBy, Instant decidedAt, String reason) {
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
}
