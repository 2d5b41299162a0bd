package dev.tandem.server.comparison;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import dev.tandem.timeline.Comparison;
import dev.tandem.timeline.Match;
import dev.tandem.timeline.Method;
import dev.tandem.timeline.Ours;
import dev.tandem.timeline.TheirTimeline;
import dev.tandem.timeline.Theirs;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/incidents/{id}/timeline/comparisons}: the contradiction check, docs/contracts.md §2. */
@RestController
class ComparisonController {
    static final int MAX_SOURCE = 200;

    private final TimelineComparisons comparisons;

    ComparisonController(TimelineComparisons comparisons) {
        this.comparisons = comparisons;
    }

    record HereView(long ledgerIndex, String type, String time, String precision, String source, String description) {
        static HereView of(Ours o) {
            return new HereView(
                    o.ledgerIndex(),
                    o.type(),
                    o.at().toString(),
                    o.precision().toString(),
                    o.source(),
                    o.description());
        }
    }

    record ThereView(long line, String time, String source, String description) {
        static ThereView of(Theirs t) {
            return new ThereView(t.line(), t.at().toString(), t.source(), t.description());
        }
    }

    /**
     * A pair: {@code difference} is our time minus theirs (ISO 8601, and in seconds), {@code
     * distance} what the tolerance is held against (the difference less our entry's precision).
     */
    record MatchView(
            HereView here,
            ThereView there,
            long ledgerIndex,
            String difference,
            long differenceSeconds,
            String distance,
            double score,
            double textScore,
            double timeScore) {
        static MatchView of(Match m) {
            return new MatchView(
                    HereView.of(m.here()),
                    ThereView.of(m.there()),
                    m.here().ledgerIndex(),
                    m.difference().toString(),
                    m.difference().toSeconds(),
                    m.distance().toString(),
                    m.score(),
                    m.text(),
                    m.time());
        }
    }

    /** Their event we lack, with the closest of ours (below the thresholds or matched elsewhere). */
    record MissingHereView(ThereView there, @Nullable MatchView closest) {}

    /** Our event they lack, with the closest of theirs. */
    record MissingThereView(
            HereView here, long ledgerIndex, @Nullable MatchView closest) {}

    record ComparisonView(
            List<MissingHereView> missingHere,
            List<MissingThereView> missingThere,
            List<MatchView> timeDiffers,
            int matched,
            int rows,
            int compared,
            int privilegedNotCompared,
            String tolerance,
            String method,
            long checkpoint,
            String rootHash,
            @Nullable Long ledgerIndex) {}

    @PostMapping(
            path = "/api/v1/incidents/{id}/timeline/comparisons",
            consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @Guard(Action.TIMELINE_COMPARE)
    ComparisonView compare(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String tolerance,
            @RequestParam(required = false, defaultValue = "false") boolean save,
            @RequestParam(required = false) @Nullable String source,
            HttpServletRequest request)
            throws IOException {
        if (save) {
            access.require(Action.TIMELINE_COMPARISON_SAVE, access.resource(), "incident", id);
        }
        Duration within = Method.DEFAULT_TOLERANCE;
        if (tolerance != null) {
            try {
                within = Duration.parse(tolerance);
            } catch (DateTimeParseException e) {
                throw DomainException.unprocessable(
                        "bad-tolerance", "tolerance must be an ISO 8601 duration such as PT30M, got " + tolerance);
            }
        }
        String whose = source == null || source.isBlank() ? "CSV" : source.strip();
        if (whose.length() > MAX_SOURCE) {
            throw DomainException.unprocessable("bad-source", "source is longer than " + MAX_SOURCE + " characters");
        }
        byte[] csv = body(request);
        TimelineComparisons.Result r = comparisons.compare(
                id, access.caller().privileged(), csv, within, save ? whose : null, access.username());
        Comparison c = r.comparison();
        return new ComparisonView(
                c.missingHere().stream()
                        .map(m -> new MissingHereView(
                                ThereView.of(m.there()), m.closest() == null ? null : MatchView.of(m.closest())))
                        .toList(),
                c.missingThere().stream()
                        .map(m -> new MissingThereView(
                                HereView.of(m.here()),
                                m.here().ledgerIndex(),
                                m.closest() == null ? null : MatchView.of(m.closest())))
                        .toList(),
                c.timeDiffers().stream().map(MatchView::of).toList(),
                c.matched().size(),
                r.rows(),
                r.compared(),
                r.privilegedNotCompared(),
                c.method().tolerance().toString(),
                c.method().describe(),
                r.treeSize(),
                Base64.getEncoder().encodeToString(r.rootHash()),
                r.ledgerIndex());
    }

    /** At most {@link TheirTimeline#MAX_BYTES}: refused by its declared length before a byte is read. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > TheirTimeline.MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(TheirTimeline.MAX_BYTES + 1);
            if (bytes.length > TheirTimeline.MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        }
    }

    private static DomainException tooLarge() {
        return new DomainException(
                DomainException.Kind.CONTENT_TOO_LARGE,
                "csv-too-large",
                "CSV too large",
                "the CSV is larger than " + TheirTimeline.MAX_BYTES + " bytes (5 MiB); split it");
    }
}
