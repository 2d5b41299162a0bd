package dev.tandem.server.portal;

import dev.tandem.controls.ControlCatalog;
import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rules of an evidence request (docs/contracts.md §5.1), plain Java: what a request must say,
 * and which step may follow which. An auditor (or the audit liaison) files it; the audit liaison or
 * the incident commander answers it with AUDIT evidence, changes or public ledger entries of the
 * incident (ADR 111), or declines it with a reason; the auditor accepts the answer (or the
 * refusal) or reopens the request with a reason. Every refusal names the field or the state at fault; nothing is written before these checks pass.
 */
public final class RequestRules {
    /** What is asked, at most (the timeline shows it whole). */
    static final int MAX_TEXT = 4000;

    /** A reason or comment, at most. */
    static final int MAX_REASON = 2000;

    static final int MAX_CONTROLS = 20;

    static final int MAX_EVIDENCE = 50;

    static final int MAX_CHANGES = 10;

    static final int MAX_ENTRIES = 50;

    private RequestRules() {}

    /** Where a request stands. */
    public enum Status {
        /** Filed or reopened: waiting for the incident's team. */
        OPEN,
        /** AUDIT evidence linked; waiting for the auditor. */
        ANSWERED,
        /** Refused with a reason; waiting for the auditor. */
        DECLINED,
        /** The auditor accepted the answer or the refusal: closed. */
        ACCEPTED
    }

    /** The steps, each a ledger entry {@code evidence-request.<step>}. */
    public enum Step {
        FILED,
        ANSWERED,
        DECLINED,
        ACCEPTED,
        REOPENED;

        public String type() {
            return "evidence-request." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Whether a request is overdue on {@code today} (a day in the incident's time zone): still OPEN
     * after the end of its due date, the rule the audit-continuity report applies at its checkpoint.
     */
    public static boolean overdue(Status status, @Nullable LocalDate due, LocalDate today) {
        return overdue(status.name(), due, today);
    }

    /** {@link #overdue(Status, LocalDate, LocalDate)} for a status as the ledger entries name it. */
    public static boolean overdue(String status, @Nullable LocalDate due, LocalDate today) {
        return status.equals(Status.OPEN.name()) && due != null && today.isAfter(due);
    }

    /** A request as filed: what is asked, by when, and about which controls (canonical ids). */
    public record Draft(String text, @Nullable LocalDate due, List<String> controls) {}

    /**
     * Checks a request before it is filed. {@code due} is a date ({@code 2026-12-01}) or blank;
     * {@code controls} are ids of the control catalog (module {@code controls}): SOC 2 (2017), ISO/IEC
     * 27001:2022 and the 2013 edition's A.16 ids, kept in the catalog's spelling and never mapped to
     * another edition (docs/contracts.md §5.1).
     */
    public static Draft draft(
            @Nullable String text, @Nullable String due, @Nullable List<String> controls, LocalDate today) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw invalid("text", "say what evidence you ask for");
        }
        if (t.length() > MAX_TEXT) {
            throw invalid("text", "at most " + MAX_TEXT + " characters, got " + t.length());
        }
        LocalDate date = null;
        if (due != null && !due.isBlank()) {
            try {
                date = LocalDate.parse(due.strip());
            } catch (DateTimeParseException e) {
                throw invalid("due", "a date as YYYY-MM-DD, got \"" + due.strip() + "\"");
            }
            if (date.isBefore(today)) {
                throw invalid("due", date + " is in the past (today is " + today + ")");
            }
        }
        List<String> asked = new ArrayList<>();
        if (controls != null) {
            for (String c : controls) {
                if (c != null && !c.isBlank()) {
                    asked.add(c.strip());
                }
            }
        }
        if (asked.size() > MAX_CONTROLS) {
            throw invalid("controls", "at most " + MAX_CONTROLS + " controls, got " + asked.size());
        }
        List<String> canonical;
        try {
            canonical = ControlCatalog.standard().canonical(asked);
        } catch (ControlCatalog.UnknownControlException e) {
            throw invalid("controls", e.getMessage());
        }
        return new Draft(t, date, List.copyOf(new LinkedHashSet<>(canonical)));
    }

    /** Splits the page's "CC6.1, CC6.3" into ids. */
    public static List<String> controlList(@Nullable String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return List.of(commaSeparated.split("[,\\s]+")).stream()
                .filter(s -> !s.isBlank())
                .toList();
    }

    /** What the answer links, as found in the vault: the item's incident and repository, or absent. */
    public record Linked(String incident, Repository repository) {}

    /**
     * A change the answer links, as found: its incident, and whether the incident's auditor reads
     * it (the access policy decides).
     */
    public record LinkedChange(String incident, boolean auditorReads) {}

    /**
     * A ledger entry the answer links, as found: its incident (null for an entry of no incident),
     * and whether the incident's auditor reads it in the clear (the access policy decides: not a
     * privileged entry).
     */
    public record LinkedEntry(@Nullable String incident, boolean auditorReads) {}

    /** What an answer links, each once, in the order given: AUDIT items, changes, ledger entries. */
    public record Answer(List<String> evidence, List<String> changes, List<Long> entries) {
        public Answer {
            evidence = List.copyOf(evidence);
            changes = List.copyOf(changes);
            entries = List.copyOf(entries);
        }
    }

    /**
     * Checks an answer (ADR 111): the request is OPEN and something is linked, AUDIT evidence, a
     * change or a ledger entry, each of the request's incident and each what the auditor reads:
     * never a FORENSIC item (422 {@code forensic-evidence}), a change the auditor may not read (422
     * {@code change-not-visible}), nor a privileged entry (422 {@code privileged-entry}). An entry
     * outside the ledger or of another incident, an unknown change, are 422 naming the field.
     * Answers what is linked, each once, in the order given.
     */
    public static Answer answer(
            Status status,
            String incident,
            @Nullable List<String> evidence,
            @Nullable List<String> changes,
            @Nullable List<Long> entries,
            Found found) {
        requireStatus(status, Step.ANSWERED, Status.OPEN);
        List<String> items = distinct(evidence);
        List<String> changeIds = distinct(changes);
        List<Long> indexes = new ArrayList<>(new LinkedHashSet<>(entries == null ? List.of() : entries));
        if (items.isEmpty() && changeIds.isEmpty() && indexes.isEmpty()) {
            throw invalid("evidence", "link at least one AUDIT evidence item, change or ledger entry of the incident");
        }
        if (items.size() > MAX_EVIDENCE) {
            throw invalid("evidence", "at most " + MAX_EVIDENCE + " items, got " + items.size());
        }
        if (changeIds.size() > MAX_CHANGES) {
            throw invalid("changes", "at most " + MAX_CHANGES + " changes, got " + changeIds.size());
        }
        if (indexes.size() > MAX_ENTRIES) {
            throw invalid("entries", "at most " + MAX_ENTRIES + " entries, got " + indexes.size());
        }
        for (String id : items) {
            Linked l = found.evidence().get(id);
            if (l == null || !l.incident().equals(incident)) {
                throw invalid("evidence", "no evidence item " + id + " in incident " + incident);
            }
            if (l.repository() != Repository.AUDIT) {
                throw DomainException.unprocessable(
                        "forensic-evidence",
                        "evidence: item " + id + " is FORENSIC (privileged); an evidence request is answered"
                                + " with AUDIT evidence only, which the auditor may read");
            }
        }
        for (String id : changeIds) {
            LinkedChange c = found.changes().get(id);
            if (c == null || !c.incident().equals(incident)) {
                throw invalid("changes", "no change " + id + " in incident " + incident);
            }
            if (!c.auditorReads()) {
                throw DomainException.unprocessable(
                        "change-not-visible",
                        "changes: change " + id + " is not one the auditor may read; an evidence request is"
                                + " answered with what the auditor may read");
            }
        }
        for (long index : indexes) {
            if (index < 0 || index >= found.treeSize()) {
                throw invalid(
                        "entries",
                        "entry #" + index + " is outside the ledger (its entries are #0 to #" + (found.treeSize() - 1)
                                + ")");
            }
            LinkedEntry e = found.entries().get(index);
            if (e == null || !incident.equals(e.incident())) {
                throw invalid("entries", "entry #" + index + " is not an entry of incident " + incident);
            }
            if (!e.auditorReads()) {
                throw DomainException.unprocessable(
                        "privileged-entry",
                        "entries: entry #" + index + " is privileged (the auditor sees only its commitment); an"
                                + " evidence request is answered with entries the auditor reads in the clear");
            }
        }
        return new Answer(items, changeIds, indexes);
    }

    /** What the answer names, as found: items, changes and entries by their ids, and the ledger's size. */
    public record Found(
            Map<String, Linked> evidence,
            Map<String, LinkedChange> changes,
            Map<Long, LinkedEntry> entries,
            long treeSize) {}

    /**
     * The page's "12, 40" or "#12 #40" as entry indexes; 422 {@code bad-entries} naming what is no
     * index.
     */
    public static List<Long> entryList(@Nullable String text) {
        List<Long> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split("[,\\s]+")) {
            String p = part.startsWith("#") ? part.substring(1) : part;
            if (p.isEmpty()) {
                continue;
            }
            try {
                out.add(Long.parseLong(p));
            } catch (NumberFormatException e) {
                throw invalid(
                        "entries", "ledger entry indexes (whole numbers such as 12 or #12), got \"" + part + "\"");
            }
        }
        return out;
    }

    private static List<String> distinct(@Nullable List<String> ids) {
        List<String> out = new ArrayList<>(new LinkedHashSet<>(ids == null ? List.of() : ids));
        out.removeIf(String::isBlank);
        return out;
    }

    /** Declining needs an OPEN request and a reason. */
    public static String decline(Status status, @Nullable String reason) {
        requireStatus(status, Step.DECLINED, Status.OPEN);
        return required("reason", reason, "say why the evidence is not provided");
    }

    /** Accepting closes an answered or declined request; the comment is optional. */
    public static String accept(Status status, @Nullable String comment) {
        requireStatus(status, Step.ACCEPTED, Status.ANSWERED, Status.DECLINED);
        return optional("comment", comment);
    }

    /** Reopening sends an answered or declined request back to the team, with a reason. */
    public static String reopen(Status status, @Nullable String reason) {
        requireStatus(status, Step.REOPENED, Status.ANSWERED, Status.DECLINED);
        return required("reason", reason, "say what is still missing");
    }

    /** The answer's note: optional. */
    public static String note(@Nullable String note) {
        return optional("note", note);
    }

    /** The status a step leads to. */
    public static Status after(Step step) {
        return switch (step) {
            case FILED, REOPENED -> Status.OPEN;
            case ANSWERED -> Status.ANSWERED;
            case DECLINED -> Status.DECLINED;
            case ACCEPTED -> Status.ACCEPTED;
        };
    }

    private static void requireStatus(Status status, Step step, Status... allowed) {
        for (Status s : allowed) {
            if (s == status) {
                return;
            }
        }
        throw DomainException.conflict(
                "request-state",
                "Not in this state",
                "an evidence request that is " + status + " cannot be "
                        + step.name().toLowerCase(java.util.Locale.ROOT) + "; that needs "
                        + String.join(
                                " or ",
                                java.util.Arrays.stream(allowed).map(Enum::name).toList()));
    }

    private static String required(String field, @Nullable String value, String hint) {
        String v = optional(field, value);
        if (v.isEmpty()) {
            throw invalid(field, hint);
        }
        return v;
    }

    private static String optional(String field, @Nullable String value) {
        String v = value == null ? "" : value.strip();
        if (v.length() > MAX_REASON) {
            throw invalid(field, "at most " + MAX_REASON + " characters, got " + v.length());
        }
        return v;
    }

    private static DomainException invalid(String field, String detail) {
        return DomainException.unprocessable("bad-" + field, field + ": " + detail);
    }
}
