package dev.tandem.server.ledger.fact;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The leak analyzers ran on a change's post-change Salesforce metadata ({@code change.verified}):
 * whether the finding that motivated the change is closed, and the findings of the same pattern and
 * subject that remain. Privileged when a FORENSIC input took part (ADR 062).
 */
public record ChangeVerified(
        String incident, String change, String finding, boolean closed, List<String> remaining, boolean restsOnForensic)
        implements Fact {
    public ChangeVerified {
        remaining = List.copyOf(remaining);
    }

    @Override
    public String type() {
        return "change.verified";
    }

    @Override
    public ObjectNode body() {
        ObjectNode b =
                Fact.object().put("change", change).put("finding", finding).put("closed", closed);
        remaining.forEach(b.putArray("remaining")::add);
        return b;
    }

    @Override
    public boolean privileged() {
        return restsOnForensic;
    }
}
