package dev.tandem.server.ledger.fact;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A step of an evidence request after it was filed (docs/contracts.md §5.1):
 * {@code evidence-request.answered} (the AUDIT items, changes and public ledger entries linked, ADR
 * 111), {@code .declined} (the reason), {@code .accepted} (the auditor's comment) or {@code
 * .reopened} (the reason), with the status it leads to. Only what the auditor reads: never
 * privileged.
 *
 * @param step ANSWERED, DECLINED, ACCEPTED or REOPENED
 * @param changes ids of the changes an answer links (none for another step)
 * @param entries indexes of the ledger entries an answer links (none for another step)
 * @param text the answer's note, the reason or the comment (may be empty)
 */
public record EvidenceRequestStepped(
        String incident,
        String request,
        String step,
        String status,
        List<String> evidence,
        List<String> changes,
        List<Long> entries,
        String text)
        implements Fact {
    public EvidenceRequestStepped {
        evidence = List.copyOf(evidence);
        changes = List.copyOf(changes);
        entries = List.copyOf(entries);
    }

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
        // absent when none, so that an answer with AUDIT items only is recorded as it always was
        if (!changes.isEmpty()) {
            ArrayNode linked = body.putArray("changes");
            changes.forEach(linked::add);
        }
        if (!entries.isEmpty()) {
            ArrayNode linked = body.putArray("entries");
            entries.forEach(linked::add);
        }
        return body.put("text", text);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
