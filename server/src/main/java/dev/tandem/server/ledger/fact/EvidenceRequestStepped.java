package dev.tandem.server.ledger.fact;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A step of an evidence request after it was filed (docs/contracts.md §5.1):
 * {@code evidence-request.answered} (the AUDIT items linked), {@code .declined} (the reason),
 * {@code .accepted} (the auditor's comment) or {@code .reopened} (the reason), with the status it
 * leads to. AUDIT items only: never privileged.
 *
 * @param step ANSWERED, DECLINED, ACCEPTED or REOPENED
 * @param text the answer's note, the reason or the comment (may be empty)
 */
public record EvidenceRequestStepped(
        String incident, String request, String step, String status, List<String> evidence, String text)
        implements Fact {
    @Override
    public String type() {
        return "evidence-request." + step.toLowerCase(Locale.ROOT);
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("request", request).put("status", status);
        if (!evidence.isEmpty()) {
            ArrayNode items = body.putArray("evidence");
            evidence.forEach(items::add);
        }
        return body.put("text", text);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
