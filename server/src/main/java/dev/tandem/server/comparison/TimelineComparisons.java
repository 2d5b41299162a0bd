package dev.tandem.server.comparison;

import dev.tandem.server.DomainException;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.TimelineCompared;
import dev.tandem.timeline.Comparison;
import dev.tandem.timeline.Method;
import dev.tandem.timeline.Ours;
import dev.tandem.timeline.TheirTimeline;
import dev.tandem.timeline.TimelineComparator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares another team's timeline with the incident's, as the caller may see it, at one
 * checkpoint (docs/timeline-comparison.md); records the result when asked to.
 */
@Service
public class TimelineComparisons {
    private final Ledger ledger;
    private final JsonMapper json;

    TimelineComparisons(Ledger ledger, JsonMapper json) {
        this.ledger = ledger;
        this.json = json;
    }

    /**
     * The comparison and what it read.
     *
     * @param rows their rows read
     * @param compared our events compared (from the entries the caller may see)
     * @param privilegedNotCompared privileged entries of listed types the caller cannot open: left
     *     out, never matched by their content
     * @param treeSize the checkpoint read: entries below it, and only those
     * @param ledgerIndex the {@code timeline.compared} entry when the result was recorded
     */
    public record Result(
            Comparison comparison,
            int rows,
            int compared,
            int privilegedNotCompared,
            long treeSize,
            byte[] rootHash,
            @Nullable Long ledgerIndex) {}

    /**
     * @param opens whether the caller opens privileged entries (the incident commander and LEGAL,
     *     as on the timeline served)
     * @param source whose timeline, for the record; null when not recorded
     */
    public Result compare(
            String incident, boolean opens, byte[] csv, Duration tolerance, @Nullable String source, String actor) {
        Method method;
        try {
            method = Method.withTolerance(tolerance);
        } catch (IllegalArgumentException e) {
            throw DomainException.unprocessable(
                    "bad-tolerance",
                    "tolerance must be an ISO 8601 duration above zero, at most P7D, got " + tolerance);
        }
        List<dev.tandem.timeline.Theirs> theirs = switch (TheirTimeline.read(csv)) {
            case TheirTimeline.Rows r -> r.events();
            case TheirTimeline.Rejected r ->
                throw new DomainException(
                        r.tooLarge()
                                ? DomainException.Kind.CONTENT_TOO_LARGE
                                : DomainException.Kind.UNPROCESSABLE_CONTENT,
                        r.code(),
                        r.tooLarge() ? "CSV too large" : "Unreadable CSV",
                        r.detail());
        };
        Ledger.Head head = ledger.head();
        List<Ours> ours = new ArrayList<>();
        int notCompared = 0;
        boolean restsOnPrivileged = false;
        for (Ledger.StoredEntry e : ledger.entriesOf(incident)) {
            if (e.index() >= head.size()) {
                break; // appended after the checkpoint this comparison reads
            }
            JsonNode entry = json.readTree(e.leaf());
            String type = entry.path("type").asString();
            if (!OurTimeline.LISTED.contains(type)) {
                continue;
            }
            JsonNode body = entry.path("body");
            boolean privileged = body.has("commitment");
            if (privileged) {
                Ledger.Opening opening = opens ? ledger.opening(e.index()) : null;
                if (opening == null) {
                    notCompared++;
                    continue;
                }
                body = json.readTree(opening.body());
            }
            List<Ours> events = OurTimeline.describe(
                    e.index(),
                    type,
                    Instant.parse(entry.path("at").asString()),
                    entry.path("actor").asString(),
                    body);
            restsOnPrivileged |= privileged && !events.isEmpty();
            ours.addAll(events);
        }
        Comparison comparison = TimelineComparator.compare(ours, theirs, method);
        Long recorded = null;
        if (source != null) {
            TimelineCompared fact = new TimelineCompared(
                    incident,
                    source,
                    theirs.size(),
                    comparison.missingHere().size(),
                    comparison.missingThere().size(),
                    comparison.timeDiffers().size(),
                    sha256(csv),
                    head.size(),
                    tolerance,
                    restsOnPrivileged);
            recorded = ledger.record(ap -> ap.record(fact, actor));
        }
        return new Result(comparison, theirs.size(), ours.size(), notCompared, head.size(), head.rootHash(), recorded);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
