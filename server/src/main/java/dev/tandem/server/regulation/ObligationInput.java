package dev.tandem.server.regulation;

import dev.tandem.regulation.Answer;
import dev.tandem.server.DomainException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The checks of what people send about obligations, the same for the API and the pages: each
 * refusal is a 422 naming the field (docs/obligations-api.md).
 */
final class ObligationInput {
    static final int MAX_TEXT = 4000;

    private ObligationInput() {}

    /** A judgement as asked: the question (upper-cased), YES or NO, and why. */
    record Judgement(String question, Answer answer, String reason) {}

    static Judgement judgement(@Nullable String question, @Nullable String answer, @Nullable String reason) {
        String q = question == null ? "" : question.strip().toUpperCase(Locale.ROOT);
        if (q.isEmpty()) {
            throw DomainException.unprocessable("bad-question", "question is required, e.g. HIGH_RISK");
        }
        Answer a;
        try {
            a = Answer.valueOf(answer == null ? "" : answer.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.unprocessable("bad-answer", "answer must be YES or NO, got " + answer);
        }
        return new Judgement(q, a, text(reason, "reason", "why the question is answered so"));
    }

    /** The status asked for: FILED, NOT_REQUIRED or PENDING (SUPERSEDED is the engine's). */
    static Lifecycle.Status status(@Nullable String requested) {
        String r = requested == null ? "" : requested;
        Lifecycle.Status target = Lifecycle.parse(r);
        if (target == null) {
            throw DomainException.unprocessable(
                    "bad-status",
                    "status must be FILED, NOT_REQUIRED or PENDING, got '" + r + "'"
                            + (r.strip().equalsIgnoreCase("SUPERSEDED")
                                    ? " (SUPERSEDED is set by recomputation only)"
                                    : ""));
        }
        return target;
    }

    static void justification(@Nullable String justification) {
        if (justification != null && justification.length() > MAX_TEXT) {
            throw DomainException.unprocessable(
                    "bad-justification", "justification: at most " + MAX_TEXT + " characters");
        }
    }

    static String text(@Nullable String value, String field, String what) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw DomainException.unprocessable("missing-" + field, field + " is required: " + what);
        }
        if (v.length() > MAX_TEXT) {
            throw DomainException.unprocessable("bad-" + field, field + ": at most " + MAX_TEXT + " characters");
        }
        return v;
    }
}
