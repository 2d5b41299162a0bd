package dev.tandem.server.ledger.fact;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An auditor (or the audit liaison) asked for evidence ({@code evidence-request.filed},
 * docs/contracts.md §5.1): what is asked, by when, about which controls. Never privileged.
 */
public record EvidenceRequestFiled(
        String incident,
        String request,
        String text,
        @Nullable LocalDate due,
        List<String> controls) implements Fact {
    @Override
    public String type() {
        return "evidence-request.filed";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("request", request).put("text", text);
        body.put("due", due == null ? null : due.toString());
        ArrayNode c = body.putArray("controls");
        controls.forEach(c::add);
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
