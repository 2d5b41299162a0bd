package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import tools.jackson.databind.node.ObjectNode;

/**
 * Someone read the masked PII findings of an item ({@code pii.findings.read}); privileged when the
 * item is FORENSIC.
 */
public record PiiFindingsRead(String incident, String evidence, String findingsSha256, Repository repository)
        implements Fact {
    @Override
    public String type() {
        return "pii.findings.read";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("evidence", evidence).put("findingsSha256", findingsSha256);
    }

    @Override
    public boolean privileged() {
        return repository == Repository.FORENSIC;
    }
}
