package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/**
 * An auditor recorded the checkpoint they verified offline ({@code checkpoint.verified},
 * docs/contracts.md §5.1): its size and root, checked against the server's key and consistent with
 * the log when recorded. Never privileged.
 */
public record CheckpointVerified(String incident, long treeSize, String rootHash) implements Fact {
    @Override
    public String type() {
        return "checkpoint.verified";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("treeSize", treeSize).put("rootHash", rootHash);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
