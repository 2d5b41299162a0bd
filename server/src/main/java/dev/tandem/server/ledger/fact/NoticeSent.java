package dev.tandem.server.ledger.fact;

import dev.tandem.evidence.Repository;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A notice was sent and its text kept as evidence ({@code notice.sent}), with when it was sent
 * ({@code sentAt}: given by the sender, or the recording time); privileged when that evidence item
 * is FORENSIC. {@code incomplete} lists the gaps the sender confirmed sending (empty: none).
 */
public record NoticeSent(
        String incident,
        String notice,
        String evidence,
        String sha256,
        Repository repository,
        String obligation,
        String jurisdiction,
        Instant sentAt,
        List<String> incomplete)
        implements Fact {
    public NoticeSent {
        incomplete = List.copyOf(incomplete);
    }

    @Override
    public String type() {
        return "notice.sent";
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
        var gaps = body.putArray("incomplete");
        incomplete.forEach(gaps::add);
        return body;
    }

    @Override
    public boolean privileged() {
        return repository == Repository.FORENSIC;
    }
}
