package dev.tandem.server.incident;

import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The incident's timeline: reading it, and the entries people add (docs/contracts.md §2, docs/timeline.md). */
@RestController
class TimelineController {
    private final Timeline timeline;

    TimelineController(Timeline timeline) {
        this.timeline = timeline;
    }

    record Added(long ledgerIndex) {}

    /**
     * The incident's ledger entries the caller sees, oldest first unless ordered otherwise: the one
     * timeline both reports are drawn from. A privileged entry's body is its commitment; the
     * incident commander and LEGAL also get its opening ({@code "opened"}), the body it commits to.
     * With {@code format=csv} or {@code Accept: text/csv}, the same entries as CSV ({@link
     * TimelineCsv}, docs/contracts.md "Additions"): one handler, so one access decision, for both.
     */
    @GetMapping("/api/v1/incidents/{id}/timeline")
    @Guard(Action.TIMELINE_READ)
    ResponseEntity<?> timeline(
            Access access,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String order,
            @RequestParam(required = false) @Nullable List<String> kind,
            @RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String since,
            @RequestParam(required = false) @Nullable String until,
            @RequestParam(required = false) @Nullable String repository,
            @RequestParam(required = false) @Nullable String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) @Nullable String accept) {
        boolean csv = TimelineCsv.asked(format, accept);
        TimelineQuery q = TimelineQuery.parse(order, kind, actor, since, until, repository);
        List<Timeline.Entry> entries = timeline.read(id, q, access.caller());
        return csv ? csv(id, entries) : ResponseEntity.ok(entries);
    }

    /** The entries as a CSV download named after the incident (the web page's download too). */
    static ResponseEntity<String> csv(String incident, List<Timeline.Entry> entries) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, TimelineCsv.attachment(incident))
                .body(TimelineCsv.write(entries));
    }

    /** A note, decision, external event or correction; privileged ones are LEGAL's and the commander's. */
    @PostMapping("/api/v1/incidents/{id}/timeline")
    @Guard(Action.TIMELINE_ADD)
    @ResponseStatus(HttpStatus.CREATED)
    Added add(Access access, @PathVariable String id, @RequestBody JsonNode body) {
        return new Added(timeline.add(id, EntryDraft.parse(body), access.caller()));
    }
}
