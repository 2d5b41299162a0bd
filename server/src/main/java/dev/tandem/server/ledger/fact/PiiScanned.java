package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import tools.jackson.databind.node.ObjectNode;

/**
 * A PII scan of one item finished ({@code pii.scanned}): its summary (counts per entity and
 * jurisdiction, problems); privileged when the item is FORENSIC.
 */
public record PiiScanned(String incident, Repository repository, ObjectNode summary) implements Fact {
    @Override
    public String type() {
        return "pii.scanned";
    }

    @Override
    public ObjectNode body() {
        return summary.deepCopy();
    }

    @Override
    public boolean privileged() {
        return repository == Repository.FORENSIC;
    }
}
