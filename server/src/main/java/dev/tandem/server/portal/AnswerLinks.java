package dev.tandem.server.portal;

import dev.tandem.server.access.Caller;
import dev.tandem.server.change.Change;
import dev.tandem.server.change.Changes;
import dev.tandem.server.incident.Timeline;
import dev.tandem.server.incident.TimelineQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The changes and ledger entries an evidence request's answer links, as the caller sees them (ADR
 * 111): a change by its id, title and status, an entry as the caller's timeline shows it. An answer
 * links only what the incident's auditor reads, so every member sees the same. Read once per answer
 * (the page, the API's list), the incident's timeline only when some answer links an entry. Public:
 * the portal page's template calls it.
 */
public final class AnswerLinks {
    /** A linked change: where to read it in the API and on the change's page. */
    public record ChangeLink(String id, String title, String status, String href, String page) {}

    /** A linked entry: as the timeline tells it, and where to read it with its proof. */
    public record EntryLink(long index, String type, String at, String actor, String text, String href) {}

    private final Changes changes;
    private final Timeline timeline;
    private final String incident;
    private final Caller caller;
    private @Nullable Map<Long, Timeline.Entry> entries;

    AnswerLinks(Changes changes, Timeline timeline, String incident, Caller caller) {
        this.changes = changes;
        this.timeline = timeline;
        this.incident = incident;
        this.caller = caller;
    }

    public List<ChangeLink> changes(List<String> ids) {
        return ids.stream()
                .map(id -> {
                    Change c = changes.find(id).orElse(null);
                    return new ChangeLink(
                            id,
                            c == null ? "" : c.title(),
                            c == null ? "" : c.status().name(),
                            "/api/v1/changes/" + id,
                            "/changes/" + id);
                })
                .toList();
    }

    public List<EntryLink> entries(List<Long> indexes) {
        if (indexes.isEmpty()) {
            return List.of();
        }
        if (entries == null) {
            Map<Long, Timeline.Entry> read = new HashMap<>();
            timeline.read(incident, TimelineQuery.ALL, caller).forEach(e -> read.put(e.index(), e));
            entries = read;
        }
        Map<Long, Timeline.Entry> seen = entries;
        return indexes.stream()
                .map(i -> {
                    Timeline.Entry e = seen.get(i);
                    return new EntryLink(
                            i,
                            e == null ? "" : e.type(),
                            e == null ? "" : e.at(),
                            e == null ? "" : e.actor(),
                            e == null ? "" : e.text(),
                            "/api/v1/ledger/entries?from=" + i + "&to=" + (i + 1));
                })
                .toList();
    }
}
