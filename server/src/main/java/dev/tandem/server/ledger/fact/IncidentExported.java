package dev.tandem.server.ledger.fact;

import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Someone exported the incident's bag ({@code incident.exported}, docs/export.md): the checkpoint it
 * is drawn from, the AUDIT items whose bytes it holds (a read of each, as every read of content is
 * recorded), and the older size it proves consistency from. AUDIT items only: never privileged.
 */
public record IncidentExported(
        String incident,
        long treeSize,
        List<String> evidence,
        @Nullable Long since) implements Fact {
    @Override
    public String type() {
        return "incident.exported";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object().put("treeSize", treeSize);
        ArrayNode items = body.putArray("evidence");
        evidence.forEach(items::add);
        body.put("since", since);
        return body;
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
