package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The information an Art. 33 notice sent incomplete left out was sent in a follow-up ({@code
 * notice.follow-up-sent}; GDPR and UK GDPR Art. 33(4): "in phases without undue further delay"), kept as
 * the evidence item named, sent at {@code sentAt}; it files the Art. 33(4) obligation {@code
 * obligation}. {@code provides} lists the gaps the notice was sent with, as the obligation named them
 * (empty when they stayed with a privileged {@code notice.sent}). Privileged when that evidence item is
 * FORENSIC.
 */
public record NoticeFollowUpSent(
        String incident,
        String notice,
        String evidence,
        String sha256,
        Repository repository,
        String obligation,
        String jurisdiction,
        Instant sentAt,
        List<String> provides)
        implements Fact {
    public NoticeFollowUpSent {
        provides = List.copyOf(provides);
    }

    @Override
    public String type() {
        return "notice.follow-up-sent";
    }

    @Override
    public ObjectNode body() {
        ObjectNode body = Fact.object()
                .put("notice", notice)
                .put("evidence", evidence)
                .put("sha256", sha256)
                .put("obligation", obligation)
                .put("jurisdiction", jurisdiction)
                .put("sentAt", sentAt.toString());
        var gaps = body.putArray("provides");
        provides.forEach(gaps::add);
        return body;
    }

    @Override
    public boolean privileged() {
        return repository == Repository.FORENSIC;
    }
}
