package dev.tandem.server.ledger.fact;

import java.time.Instant;
import tools.jackson.databind.node.ObjectNode;

/**
 * A person's decision on a question the law leaves to judgement ({@code judgement.recorded}).
 * LEGAL chooses per judgement whether its reason is privileged (the default): then the whole entry
 * is a commitment.
 */
public record JudgementRecorded(
        String incident,
        String judgement,
        String question,
        String answer,
        String reason,
        Instant decidedAt,
        boolean reasonPrivileged)
        implements Fact {
    @Override
    public String type() {
        return "judgement.recorded";
    }

    @Override
    public ObjectNode body() {
        return Fact.object()
                .put("judgement", judgement)
                .put("question", question)
                .put("answer", answer)
                .put("reason", reason)
                .put("decidedAt", decidedAt.toString());
    }

    @Override
    public boolean privileged() {
        return reasonPrivileged;
    }
}
