package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/**
 * The incident commander moved the incident to another phase ({@code incident.phase-changed}):
 * DETECT, RESPOND, RECOVER or IMPROVE, after the NIST SP 800-61 Rev. 3 life cycle (the CSF 2.0
 * functions of incident response and the Improvement category fed by lessons learned).
 */
public record IncidentPhaseChanged(String incident, String phase, String previous) implements Fact {
    @Override
    public String type() {
        return "incident.phase-changed";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("phase", phase).put("previous", previous);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
