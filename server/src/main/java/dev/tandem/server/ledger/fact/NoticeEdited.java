package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/** A notice draft was saved ({@code notice.edited}): its hash and length, never its text; public. */
public record NoticeEdited(String incident, String notice, String sha256, int characters) implements Fact {
    @Override
    public String type() {
        return "notice.edited";
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("notice", notice).put("sha256", sha256).put("characters", characters);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
