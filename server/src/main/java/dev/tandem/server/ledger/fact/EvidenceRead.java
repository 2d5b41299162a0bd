package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import tools.jackson.databind.node.ObjectNode;

/** Someone read an evidence item's content ({@code evidence.read}); privileged when it is FORENSIC. */
public record EvidenceRead(String incident, String evidence, String sha256, Repository repository) implements Fact {
    @Override
    public String type() {
        return "evidence.read";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("evidence", evidence).put("sha256", sha256);
    }

    @Override
    public boolean privileged() {
        return repository == Repository.FORENSIC;
    }
}
