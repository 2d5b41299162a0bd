package dev.tandem.server.report;

import static dev.tandem.server.report.Narration.text;
import static dev.tandem.server.report.Narration.texts;

import dev.tandem.server.portal.RequestRules;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The incident's evidence requests (docs/contracts.md §5.1, ADR 088) as the ledger tells them at one
 * checkpoint: filed by {@code evidence-request.filed}, stepped by {@code .answered}, {@code .declined},
 * {@code .accepted} and {@code .reopened}, from the snapshot's entries alone (never the
 * {@code evidence_request} tables, which may be ahead of the checkpoint). Evidence an answer links is
 * named only from a public {@code evidence.added} entry of an AUDIT item; anything else (a
 * FORENSIC item's entry is a commitment) is counted, never named.
 */
public final class RequestHistory {
    private RequestHistory() {}

    /** An AUDIT item an answer linked, as its {@code evidence.added} entry names it. */
    public record Item(String id, String name, String sha256, long size, long ledgerIndex) {}

    /**
     * One step after the filing.
     *
     * @param step ANSWERED, DECLINED, ACCEPTED or REOPENED
     * @param text the answer's note, the reason or the comment ("" when none)
     * @param evidence the AUDIT items an answer linked
     * @param unnamed how many linked items are not public AUDIT evidence of the incident (never named)
     */
    public record Step(
            String step,
            String text,
            String by,
            String at,
            long ledgerIndex,
            List<Item> evidence,
            int unnamed,
            List<String> changes,
            List<Long> entries) {
        public Step {
            evidence = List.copyOf(evidence);
            changes = List.copyOf(changes);
            entries = List.copyOf(entries);
        }
    }

    /**
     * A request as of the checkpoint.
     *
     * @param status OPEN, ANSWERED, DECLINED or ACCEPTED
     * @param overdue OPEN at the checkpoint's time, after the end of its due date in the incident's zone
     * @param cites the filing and every step
     */
    public record Request(
            String id,
            String text,
            List<String> controls,
            @Nullable LocalDate due,
            String requestedBy,
            String requestedAt,
            long ledgerIndex,
            String status,
            boolean overdue,
            List<Step> history,
            List<Long> cites) {
        public Request {
            controls = List.copyOf(controls);
            history = List.copyOf(history);
            cites = List.copyOf(cites);
        }

        /** The latest answer or refusal, which an acceptance closes on; null while none stands. */
        public @Nullable Step standing() {
            Step found = null;
            for (Step s : history) {
                switch (s.step()) {
                    case "ANSWERED", "DECLINED" -> found = s;
                    case "REOPENED" -> found = null;
                    default -> {}
                }
            }
            return found;
        }

        /** The AUDIT items of the standing answer (none while OPEN or declined). */
        public List<Item> evidence() {
            Step s = standing();
            return s == null || !s.step().equals("ANSWERED") ? List.of() : s.evidence();
        }
    }

    /** What the requests are measured against: the checkpoint's time and the incident's time zone. */
    public record AsOf(@Nullable Instant at, ZoneId zone) {
        /** The day of the checkpoint in the incident's zone, or null when its time is not known. */
        public @Nullable LocalDate day() {
            return at == null ? null : LocalDate.ofInstant(at, zone);
        }
    }

    /**
     * The time requests are measured against: the checkpoint's own time ({@link ReportCheckpoint#at}, the
     * time of the last entry its tree holds; when it is not known, nothing is overdue), never the
     * reader's clock; the zone is the incident's ({@code incident.opened}), UTC when it names none.
     */
    public static AsOf asOf(Snapshot snapshot) {
        Instant at = instant(snapshot.checkpoint().at());
        ZoneId zone = ZoneOffset.UTC;
        for (ReportEntry e : snapshot.entries()) {
            JsonNode c = e.content();
            if (e.type().equals("incident.opened")
                    && c != null
                    && !text(c, "timeZone").isEmpty()) {
                try {
                    zone = ZoneId.of(text(c, "timeZone"));
                } catch (DateTimeException ignored) {
                    // a zone this JDK does not know: the dates are read in UTC
                }
                break;
            }
        }
        return new AsOf(at, zone);
    }

    /** The requests of the snapshot, oldest first. */
    public static List<Request> of(Snapshot snapshot) {
        return of(snapshot.entries(), asOf(snapshot));
    }

    static List<Request> of(List<ReportEntry> entries, AsOf asOf) {
        Map<String, Item> audit = new HashMap<>();
        Map<String, Building> byId = new LinkedHashMap<>();
        // an item counsel pulled back to FORENSIC is auditor evidence no longer: an answer that linked it
        // counts it among the items not named
        java.util.Set<String> pulledBack = new java.util.HashSet<>();
        for (ReportEntry e : entries) {
            if (e.type().equals("evidence.pulled-back") && e.content() != null) {
                pulledBack.add(text(e.content(), "evidence"));
            }
        }
        for (ReportEntry e : entries) {
            JsonNode c = e.content();
            if (c == null) {
                continue; // a commitment: never an evidence request, never a name
            }
            if (e.type().equals("evidence.added")
                    && text(c, "repository").equals("AUDIT")
                    && !pulledBack.contains(text(c, "evidence"))) {
                audit.put(
                        text(c, "evidence"),
                        new Item(
                                text(c, "evidence"),
                                text(c, "name"),
                                text(c, "sha256"),
                                c.path("size").asLong(0),
                                e.index()));
                continue;
            }
            // only the request's steps: other evidence-request.* entries (a webhook reminder) change nothing
            RequestRules.Step kind = STEPS.get(e.type());
            if (kind == null) {
                continue;
            }
            String id = text(c, "request");
            if (kind == RequestRules.Step.FILED) {
                byId.put(id, new Building(e, c));
                continue;
            }
            Building b = byId.get(id);
            if (b == null) {
                continue; // a step without its filing, which comes first: nothing to attach it to
            }
            List<Item> items = new ArrayList<>();
            int unnamed = 0;
            for (String item : texts(c, "evidence")) {
                Item found = audit.get(item);
                if (found == null) {
                    unnamed++;
                } else {
                    items.add(found);
                }
            }
            String step = kind.name();
            List<Long> linkedEntries = new ArrayList<>();
            c.path("entries").forEach(i -> linkedEntries.add(i.asLong()));
            b.history.add(new Step(
                    step,
                    text(c, "text"),
                    e.actor(),
                    e.at(),
                    e.index(),
                    items,
                    unnamed,
                    texts(c, "changes"),
                    linkedEntries));
            b.status = text(c, "status").isEmpty() ? statusAfter(step) : text(c, "status");
            b.cites.add(e.index());
        }
        LocalDate day = asOf.day();
        List<Request> out = new ArrayList<>();
        for (Building b : byId.values()) {
            boolean overdue = day != null && RequestRules.overdue(b.status, b.due, day);
            out.add(new Request(
                    b.id,
                    b.text,
                    b.controls,
                    b.due,
                    b.requestedBy,
                    b.requestedAt,
                    b.index,
                    b.status,
                    overdue,
                    b.history,
                    b.cites));
        }
        return out;
    }

    /** The ledger entry types of a request's steps ({@code evidence-request.filed}, …), by type. */
    private static final Map<String, RequestRules.Step> STEPS = java.util.Arrays.stream(RequestRules.Step.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(RequestRules.Step::type, st -> st));

    private static String statusAfter(String step) {
        return switch (step) {
            case "ANSWERED" -> "ANSWERED";
            case "DECLINED" -> "DECLINED";
            case "ACCEPTED" -> "ACCEPTED";
            default -> "OPEN";
        };
    }

    private static @Nullable Instant instant(@Nullable String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable LocalDate date(String s) {
        if (s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static final class Building {
        final String id;
        final String text;
        final List<String> controls;
        final @Nullable LocalDate due;
        final String requestedBy;
        final String requestedAt;
        final long index;
        String status = "OPEN";
        final List<Step> history = new ArrayList<>();
        final List<Long> cites = new ArrayList<>();

        Building(ReportEntry e, JsonNode c) {
            this.id = text(c, "request");
            this.text = text(c, "text");
            this.controls = texts(c, "controls");
            this.due = date(text(c, "due"));
            this.requestedBy = e.actor();
            this.requestedAt = e.at();
            this.index = e.index();
            cites.add(e.index());
        }
    }
}
