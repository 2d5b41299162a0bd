package dev.tandem.server.ledger.fact;

import tools.jackson.databind.node.ObjectNode;

/**
 * A notice draft was saved as a new version ({@code notice.edited}): its number, hash and length,
 * never its text; privileged, since a draft is counsel's work product until it is sent (the
 * {@code notice.sent} entry then names the text sent and its evidence item).
 */
public record NoticeEdited(String incident, String notice, int version, String sha256, int characters) implements Fact {
    @Override
    public String type() {
        return "notice.edited";
    }

    @Override
    public ObjectNode body() {
        return Fact.object()
                .put("notice", notice)
                .put("version", version)
                .put("sha256", sha256)
                .put("characters", characters);
    }

    @Override
    public boolean privileged() {
        return true;
    }
}
