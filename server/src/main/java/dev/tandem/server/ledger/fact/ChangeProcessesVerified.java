package dev.tandem.server.ledger.fact;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Someone recorded that the business processes an access restriction may break were verified after
 * the change ({@code change.processes-verified}); until then the change is an open risk.
 */
public record ChangeProcessesVerified(String incident, String change, List<String> processes, String comment)
        implements Fact {
    public ChangeProcessesVerified {
        processes = List.copyOf(processes);
    }

    @Override
    public String type() {
        return "change.processes-verified";
    }

    @Override
    public ObjectNode body() {
        ObjectNode b = Fact.object().put("change", change);
        processes.forEach(b.putArray("processes")::add);
        return b.put("comment", comment);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
