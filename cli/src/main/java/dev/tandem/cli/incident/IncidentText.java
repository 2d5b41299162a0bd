package dev.tandem.cli.incident;

import dev.tandem.cli.Columns;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The answers of the incident API (docs/contracts.md §2 and its additions) in words, for a person at
 * a terminal: incidents, members, the timeline, the obligations, the scope and the judgements.
 * Plain Java over the answers' JSON; {@code --format json} prints them as they came instead. What
 * the caller may not see the server already left out or replaced by its commitment: nothing here
 * decides it.
 */
final class IncidentText {
    private IncidentText() {}

    private static final int LABEL = 23;

    /** The caller's incidents: id, severity, phase, the caller's role, awareness and title. */
    static void incidents(JsonNode incidents, PrintWriter out) {
        if (incidents.isEmpty()) {
            out.println("no incidents: this token's user is a member of none");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "SEVERITY", "PHASE", "YOUR ROLE", "AWARE AT", "TITLE"));
        for (JsonNode i : incidents) {
            rows.add(List.of(
                    i.path("id").asString(),
                    i.path("severity").asString(),
                    i.path("phase").asString() + (i.hasNonNull("closedAt") ? " (closed)" : ""),
                    i.path("role").asString(),
                    i.path("awareAt").asString("-"),
                    i.path("title").asString()));
        }
        Columns.table(rows).forEach(out::println);
        out.println(count(incidents.size(), "incident", "incidents"));
    }

    /** One incident: its headline, then each of its times and who opened it. */
    static void incident(JsonNode i, PrintWriter out) {
        out.println("incident " + i.path("id").asString() + "  "
                + i.path("severity").asString() + "  " + i.path("phase").asString() + "  "
                + i.path("title").asString());
        row(out, "your role", i.path("role").asString(""));
        row(
                out,
                "opened",
                i.path("createdAt").asString("") + " by " + i.path("createdBy").asString("") + entry(i, "ledgerIndex"));
        row(out, "aware at", i.path("awareAt").asString("not set"));
        row(out, "time zone", i.path("timeZone").asString(""));
        if (i.hasNonNull("occurredAt")) {
            row(
                    out,
                    "occurred at",
                    i.path("occurredAt").asString() + " (precision "
                            + i.path("occurredPrecision").asString("EXACT") + ")");
        }
        if (i.hasNonNull("containedAt"))
            row(out, "contained at", i.path("containedAt").asString());
        if (i.hasNonNull("closedAt")) row(out, "closed at", i.path("closedAt").asString());
    }

    /** The incident's members: username, role, when and by whom added, the ledger entry. */
    static void members(String incident, JsonNode members, PrintWriter out) {
        if (members.isEmpty()) {
            out.println("no members in incident " + incident);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("USERNAME", "ROLE", "ADDED AT", "ADDED BY", "LEDGER ENTRY"));
        for (JsonNode m : members) {
            rows.add(List.of(
                    m.path("username").asString(),
                    m.path("role").asString(),
                    m.path("addedAt").asString(),
                    m.path("addedBy").asString(),
                    "#" + m.path("ledgerIndex").asLong()));
        }
        Columns.table(rows).forEach(out::println);
        out.println(count(members.size(), "member", "members"));
    }

    /**
     * A membership as a put left it ({@code PUT …/members/{username}}): added, changed from the role
     * it replaced, or unchanged.
     */
    static void membership(String incident, JsonNode m, PrintWriter out) {
        String user = m.path("username").asString();
        String role = m.path("role").asString();
        String previous = m.path("previousRole").asString(null);
        String what;
        if (previous == null) {
            what = "added " + user + " to incident " + incident + " as " + role;
        } else if (previous.equals(role)) {
            what = user + " was already " + role + " in incident " + incident + "; the role is unchanged";
        } else {
            what = user + " is now " + role + " in incident " + incident + " (was " + previous + ")";
        }
        out.println(what + entry(m, "ledgerIndex"));
    }

    /**
     * The timeline as the caller sees it, one entry a line, oldest first unless ordered otherwise: its
     * index, time recorded, actor, kind (or type), whether privileged, the server's text of it, and
     * the entries that correct it.
     */
    static void timeline(String incident, JsonNode entries, PrintWriter out) {
        if (entries.isEmpty()) {
            out.println("no timeline entries in incident " + incident + " that this token's user may see");
            return;
        }
        for (JsonNode e : entries) {
            StringBuilder b = new StringBuilder();
            b.append('#').append(e.path("index").asLong()).append("  ");
            b.append(e.path("at").asString()).append("  ");
            b.append(e.path("actor").asString()).append("  ");
            b.append(
                    e.hasNonNull("kind")
                            ? e.path("kind").asString()
                            : e.path("type").asString());
            if (e.path("privileged").asBoolean()) {
                b.append(e.hasNonNull("opened") ? "  [privileged, opened for you]" : "  [privileged]");
            }
            b.append("  ").append(oneLine(e.path("text").asString()));
            // the server's text already tells when it happened, was discovered, and what it corrects
            List<String> by = new ArrayList<>();
            for (JsonNode c : e.path("correctedBy")) by.add("#" + c.asLong());
            if (!by.isEmpty())
                b.append("  (corrected by ").append(String.join(", ", by)).append(')');
            out.println(b);
        }
        out.println(count(entries.size(), "entry", "entries"));
    }

    /**
     * The incident's obligations as the regulatory clock has them (docs/obligations-api.md): each
     * owed one with its deadline, the time left at the server's {@code asOf} and its citation, then
     * those set aside, the laws checked and not triggered, and the warnings, as far as the answer
     * carries them for the caller's role. {@code unaware}: the incident has no awareness time yet, so
     * none can be computed until it is set (docs/obligations-api.md "Awareness").
     */
    static void obligations(String incident, JsonNode answer, boolean unaware, PrintWriter out) {
        Instant asOf = instant(answer.path("asOf").asString(null));
        out.println("obligations of incident " + incident + " as of "
                + answer.path("asOf").asString("?")
                + (answer.hasNonNull("rulesVersion")
                        ? " (rule book " + answer.path("rulesVersion").asString() + ", computed "
                                + answer.path("computedAt").asString("?") + ")"
                        : ""));
        JsonNode owed = answer.path("obligations");
        if (owed.isEmpty()) {
            out.println(
                    answer.hasNonNull("computedAt")
                            ? "nothing owed"
                            : unaware
                                    ? "none computed yet: the incident has no awareness time, which every deadline"
                                            + " runs from (" + IncidentCall.setAwareness(incident)
                                            + "), nor a scope (tandem scope set --incident " + incident + ")"
                                    : "none computed yet: the incident has no scope (tandem scope set --incident "
                                            + incident + ")");
        }
        for (JsonNode o : owed) {
            out.println();
            obligation(o, asOf, answer.path("timeZone").asString(null), out);
        }
        JsonNode setAside = answer.path("notRequired");
        if (!setAside.isEmpty()) {
            out.println();
            out.println("set aside (not required):");
            for (JsonNode o : setAside) {
                out.println("  " + o.path("regime").asString() + " ("
                        + o.path("jurisdiction").asString() + ") to "
                        + o.path("recipient").asString() + ": "
                        + o.path("citation").asString());
                // counsel's reason, where the caller's answer carries it (LEGAL's and the commander's)
                if (o.hasNonNull("justification")) {
                    out.println("    why: " + oneLine(o.path("justification").asString()));
                }
            }
        }
        if (!answer.path("superseded").isEmpty()) {
            out.println();
            out.println(count(answer.path("superseded").size(), "superseded obligation", "superseded obligations")
                    + " (no longer yielded by the last computation; --format json lists them)");
        }
        if (answer.has("notTriggered")) {
            out.println();
            JsonNode none = answer.path("notTriggered");
            if (none.isEmpty()) {
                out.println("notTriggered: none listed"
                        + (answer.path("scopeWithheld").asBoolean() ? " (the scope is withheld from your role)" : ""));
            } else {
                out.println("notTriggered (laws checked where nothing is owed):");
                for (JsonNode n : none) {
                    out.println("  " + n.path("jurisdiction").asString() + "  "
                            + n.path("regime").asString() + " ("
                            + n.path("citation").asString() + "): "
                            + n.path("reason").asString());
                }
            }
        }
        for (JsonNode w : answer.path("warnings")) out.println("warning: " + w.asString());
        // the scope against the findings and scans the caller may read (docs/obligations-api.md)
        for (JsonNode c : answer.path("scopeChecks")) {
            out.println("scope check: " + oneLine(c.path("message").asString()));
        }
        if (answer.hasNonNull("disclaimer")) {
            out.println();
            out.println(answer.path("disclaimer").asString());
        }
    }

    private static void obligation(JsonNode o, @Nullable Instant asOf, @Nullable String zone, PrintWriter out) {
        String status = o.path("missed").asBoolean()
                ? "MISSED"
                : o.path("late").asBoolean() ? "FILED LATE" : o.path("status").asString("PENDING");
        String requirement = o.path("requirement").asString("");
        out.println(status + (requirement.isEmpty() || requirement.equals("REQUIRED") ? "" : " (" + requirement + ")")
                + "  " + owed(o));
        Instant due = instant(o.path("due").asString(null));
        if (due == null) {
            row(out, "due", o.path("dueText").asString(""));
        } else {
            String local =
                    localTime(o.path("dueRuleLocal").asString(o.path("dueLocal").asString("")));
            String ruleZone = o.path("ruleZone").asString(zone == null ? "" : zone);
            // a deadline whose days end in UTC is shown once
            boolean same = local.isEmpty() || (local.endsWith("+00:00") && UTC.contains(ruleZone));
            row(out, "due", due + (same ? "" : " (" + local + (ruleZone.isEmpty() ? "" : " " + ruleZone) + ")"));
            if (asOf != null && o.path("status").asString("PENDING").equals("PENDING")) {
                row(out, "time left", timeLeft(Duration.between(asOf, due)));
            }
            row(out, "", o.path("dueText").asString(""));
        }
        row(out, "citation", o.path("citation").asString(""));
        JsonNode question = o.path("question");
        if (requirement.equals("CONDITIONAL") && question.hasNonNull("text") && !question.hasNonNull("answer")) {
            row(
                    out,
                    "waits on",
                    question.path("text").asString() + " ("
                            + question.path("citation").asString("") + "; judgement "
                            + question.path("key").asString("") + ")");
        }
        if (o.hasNonNull("id")) row(out, "id", o.path("id").asString());
    }

    /** The names of UTC itself a rule's zone may have, where a deadline's local time is its UTC time. */
    private static final java.util.Set<String> UTC = java.util.Set.of("", "Z", "UTC", "Etc/UTC", "GMT", "Etc/GMT");

    /**
     * A local time as the server writes it ({@code dueLocal}, {@code dueRuleLocal}: RFC 3339 with the
     * zone's offset), with that offset written out: Dublin, Lisbon or Reykjavik at UTC+0 read
     * {@code 2026-12-10T09:00+00:00}, not {@code …09:00Z}, which would say the time is UTC's rather
     * than the place's. The text as it came when it is no such time.
     */
    static String localTime(String rfc3339) {
        try {
            java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(rfc3339);
            return t.toLocalDateTime()
                    + (t.getOffset().getTotalSeconds() == 0
                            ? "+00:00"
                            : t.getOffset().getId());
        } catch (DateTimeParseException e) {
            return rfc3339;
        }
    }

    /** What an obligation owes, to whom: {@code EU GDPR (EU) to SUPERVISORY_AUTHORITY}. */
    private static String owed(JsonNode o) {
        return o.path("regime").asString() + " (" + o.path("jurisdiction").asString() + ") to "
                + o.path("recipient").asString();
    }

    /**
     * One obligation as {@code GET /api/v1/obligations/{id}} answers it: as in the incident's list
     * (without the time left, which the list measures at its {@code asOf}), then its incident, owner,
     * the last status change and what it was filed with or set aside for, as far as the caller's
     * answer carries them.
     */
    static void obligationShown(JsonNode o, PrintWriter out) {
        obligation(o, null, null, out);
        row(out, "incident", o.path("incident").asString(""));
        row(out, "rule", o.path("rule").asString(""));
        // absent where the caller's answer leaves it out (the auditor's), null where nobody owns it
        if (o.has("owner")) row(out, "owner", o.path("owner").asString("none"));
        if (o.hasNonNull("statusChangedAt")) {
            row(
                    out,
                    "status changed",
                    o.path("statusChangedAt").asString() + " by "
                            + o.path("statusChangedBy").asString("?"));
        }
        row(out, "sent at", o.path("sentAt").asString(""));
        row(out, "filing evidence", o.path("filingEvidence").asString(""));
        row(out, "justification", oneLine(o.path("justification").asString("")));
    }

    /** An obligation as an owner change left it: who owns it now, or that nobody does. */
    static void ownerSet(JsonNode o, PrintWriter out) {
        String owner = o.path("owner").asString(null);
        out.println((owner == null ? "nobody owns " : owner + " owns ") + named(o));
    }

    /**
     * An obligation as a status change left it: filed (with its evidence, when sent, and whether after
     * its deadline), set aside, or pending again.
     */
    static void statusSet(JsonNode o, boolean privileged, PrintWriter out) {
        String status = o.path("status").asString();
        String incident = o.path("incident").asString();
        switch (status) {
            case "FILED" -> {
                out.println("filed " + named(o) + " with evidence "
                        + o.path("filingEvidence").asString() + ", sent "
                        + o.path("sentAt").asString("?")
                        + (o.path("late").asBoolean() ? ", after its deadline (FILED LATE)" : ""));
                out.println("a clock that runs from this notice runs from its sending"
                        + " (tandem obligations --incident " + incident + " lists them)");
            }
            case "NOT_REQUIRED" ->
                out.println("set aside " + named(o) + " as NOT_REQUIRED (justification "
                        + (privileged ? "privileged" : "not privileged") + ")");
            default -> out.println(named(o) + " is " + status + " again");
        }
    }

    /** {@code obligation OB1, EU GDPR (EU) to SUPERVISORY_AUTHORITY, of incident INC-1}. */
    private static String named(JsonNode o) {
        return "obligation " + o.path("id").asString() + ", " + owed(o) + ", of incident "
                + o.path("incident").asString();
    }

    /**
     * The incident's facts a {@code PUT …/facts} set, as sent:
     * when the breach was determined, and whether an outsider's unauthorized access caused it.
     */
    static void factsSet(String incident, @Nullable String determinedAt, boolean unauthorized, PrintWriter out) {
        out.println("set the facts of incident " + incident + ": "
                + (determinedAt == null
                        ? "not determined (the clocks that run from a determination run from awareness)"
                        : "determined at " + determinedAt)
                + "; " + (unauthorized ? "unauthorized access" : "no unauthorized access"));
    }

    /**
     * The awareness a {@code PUT …/awareness} set, and the server's warning when it moved later (every
     * deadline that runs from it moves with it).
     */
    static void awarenessSet(String incident, String awareAt, JsonNode answer, PrintWriter out) {
        out.println("incident " + incident + " is now aware at " + awareAt);
        JsonNode later = answer.path("awarenessMovedLater");
        if (later.hasNonNull("warning"))
            out.println("warning: " + oneLine(later.path("warning").asString()));
    }

    /**
     * The scope as {@code GET …/scope} answers it: who set it when, then one line per place with its
     * people, the data categories, whether encrypted, and the same as {@code tandem scope set}'s (and
     * {@code tandem deadlines}') options.
     */
    static void scope(String incident, JsonNode s, PrintWriter out) {
        out.println(
                "scope of incident " + incident + ", set " + s.path("updatedAt").asString("?") + " by "
                        + s.path("updatedBy").asString("?") + entry(s, "ledgerIndex"));
        places(s, out);
    }

    /** The scope a {@code PUT …/scope} left in force, as its answer (the obligation list) carries it. */
    static void scopeSet(String incident, JsonNode s, PrintWriter out) {
        out.println("set the scope of incident " + incident);
        if (s.isObject()) places(s, out);
    }

    private static void places(JsonNode s, PrintWriter out) {
        long people = 0;
        List<String> subjects = new ArrayList<>();
        for (var e : s.path("subjects").properties()) {
            long n = e.getValue().asLong();
            people += n;
            subjects.add(e.getKey() + "=" + n);
            row(out, e.getKey().equals("ZZ") ? "ZZ (no known country)" : e.getKey(), count(n, "person", "people"));
        }
        row(out, "in all", count(people, "person", "people"));
        List<String> data = new ArrayList<>();
        for (JsonNode d : s.path("data")) data.add(d.asString());
        row(out, "data", data.isEmpty() ? "none listed" : String.join(", ", data));
        row(out, "encrypted", s.path("encrypted").asBoolean() ? "yes, the key was not compromised" : "no");
        row(
                out,
                "as options",
                "--subjects " + String.join(",", subjects)
                        + (data.isEmpty() ? "" : " --data " + String.join(",", data))
                        + (s.path("encrypted").asBoolean() ? " --encrypted" : ""));
    }

    /**
     * Whether a change of the regulatory clock's input recomputed the obligations ({@code
     * "recomputed"}, absent where the call always does), and how many are owed and set aside now.
     */
    static void recomputed(String incident, JsonNode answer, PrintWriter out) {
        if (!answer.path("recomputed").asBoolean(true)) {
            out.println("obligations not recomputed: incident " + incident + " has no scope yet (tandem scope set)");
            return;
        }
        out.println("obligations recomputed: " + answer.path("obligations").size() + " owed, "
                + answer.path("notRequired").size() + " set aside (tandem obligations --incident " + incident
                + " lists them)");
        // what the engine said of the new input (no data categories given, countries without a rule …)
        for (JsonNode w : answer.path("warnings")) out.println("warning: " + w.asString());
    }

    /**
     * The judgements in the order the server lists them, one a line: question and answer, when decided
     * and by whom, whether it sets a notice aside, and the reason, or that the caller's role does not
     * read it.
     */
    static void judgements(String incident, JsonNode answer, PrintWriter out) {
        JsonNode list = answer.path("judgements");
        if (list.isEmpty()) {
            out.println("no judgements recorded in incident " + incident);
            return;
        }
        for (JsonNode j : list) {
            StringBuilder b = new StringBuilder();
            b.append(j.path("question").asString())
                    .append(' ')
                    .append(j.path("answer").asString());
            b.append("  decided ").append(j.path("decidedAt").asString());
            b.append(" by ").append(j.path("decidedBy").asString());
            if (j.path("setsAside").asBoolean()) b.append("  [sets a notice aside]");
            b.append("  ")
                    .append(
                            j.hasNonNull("reason")
                                    ? oneLine(j.path("reason").asString())
                                    : "(the reason is not for your role)");
            out.println(b);
        }
        out.println(count(list.size(), "judgement", "judgements"));
    }

    /**
     * The notice of {@code title} ("GDPR Art. 33", "UK GDPR Art. 33") as {@code tandem notice show}
     * puts it together: its state and the version shown, who edited it when, whether it was sent,
     * what may be stale, its gaps, then the text as stored.
     */
    static void notice(String title, JsonNode n, PrintWriter out) {
        String incident = n.path("incident").asString();
        String state = n.path("state").asString("?");
        out.println(title + " notice of incident " + incident + ": " + state
                + (n.hasNonNull("version")
                        ? ", version " + n.path("version").asInt() + " of "
                                + n.path("versions").asInt()
                        : ", the draft generated from the incident record (not edited yet)"));
        if (n.hasNonNull("editedAt")) {
            row(
                    out,
                    "edited",
                    n.path("editedAt").asString() + " by " + n.path("editedBy").asString("?"));
        }
        row(out, "sha256", n.path("sha256").asString(""));
        row(
                out,
                "sent",
                n.hasNonNull("evidence")
                        ? n.path("sentAt").asString("yes") + ", kept as evidence "
                                + n.path("evidence").asString()
                        : "no");
        for (JsonNode s : n.path("stale")) {
            row(out, "stale", STALE.getOrDefault(s.asString(), s.asString() + " changed after this text was written"));
        }
        JsonNode gaps = n.path("gaps");
        row(
                out,
                "gaps",
                gaps.isEmpty()
                        ? "none"
                        : noticeGaps(gaps.size())
                                + (n.hasNonNull("evidence") ? "" : " (sending refuses them without --incomplete)"));
        for (JsonNode g : gaps) out.println("    - " + g.asString());
        out.println();
        String text = n.path("text").asString("");
        out.print(text.endsWith("\n") || text.isEmpty() ? text : text + System.lineSeparator());
    }

    /** What the {@code Tandem-Notice-Stale} header's names mean (docs/obligations-api.md). */
    private static final java.util.Map<String, String> STALE = java.util.Map.of(
            "awareness",
            "awareness: it was set anew after this text was written; the time it states may be the old one",
            "scope",
            "scope: it was set anew after this text was written; the people and data it states may be out of date");

    /** {@code 1 gap}, {@code 2 gaps}. */
    static String noticeGaps(int n) {
        return count(n, "gap", "gaps");
    }

    /**
     * The stored versions of the notice of {@code title}: number, when and by whom, its size, ledger
     * entry and SHA-256.
     */
    static void noticeVersions(String title, String incident, JsonNode versions, PrintWriter out) {
        if (versions.isEmpty()) {
            out.println("no stored versions of the " + title + " notice of incident " + incident
                    + ": it is the draft generated from the incident record (tandem notice show)");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("VERSION", "EDITED AT", "EDITED BY", "CHARACTERS", "LEDGER ENTRY", "SHA-256"));
        for (JsonNode v : versions) {
            rows.add(List.of(
                    Integer.toString(v.path("version").asInt()),
                    v.path("editedAt").asString(),
                    v.path("editedBy").asString(),
                    Long.toString(v.path("characters").asLong()),
                    "#" + v.path("ledgerIndex").asLong(),
                    v.path("sha256").asString()));
        }
        Columns.table(rows).forEach(out::println);
        out.println(count(versions.size(), "version", "versions"));
    }

    /**
     * A {@code POST …/notices/gdpr-art33/sent} answer: where the text sent is kept (a FORENSIC item
     * is privileged), then the obligation it filed as a filing prints it.
     */
    static void noticeSent(String title, String incident, JsonNode answer, PrintWriter out) {
        JsonNode e = answer.path("evidence");
        String repository = e.path("repository").asString("?");
        out.println("sent the " + title + " notice of incident " + incident + ": its text kept as " + repository
                + " evidence " + e.path("id").asString() + " (SHA-256 "
                + e.path("sha256").asString() + ")"
                + entry(e, "ledgerIndex"));
        if (repository.equals("FORENSIC")) {
            out.println("privileged: LEGAL and the incident commander read it; the auditor sees a stub and the"
                    + " export bag leaves it out");
        }
        JsonNode o = answer.path("obligation");
        if (o.isObject() && !o.hasNonNull("incident")) {
            o = ((tools.jackson.databind.node.ObjectNode) o.deepCopy()).put("incident", incident);
        }
        statusSet(o, false, out);
    }

    /**
     * A follow-up recorded ({@code POST …/follow-up}): its {@code notice.follow-up-sent} entry, the gaps
     * it gives (none named when the notice's stayed with its privileged {@code notice.sent}), and the
     * Art. 33(4) obligation it filed.
     */
    static void noticeFollowUp(String title, String incident, JsonNode answer, PrintWriter out) {
        JsonNode o = answer.path("obligation");
        JsonNode f = answer.path("followUp");
        out.println("recorded the follow-up to the " + title + " notice of incident " + incident
                + " as sent (Art. 33(4)): evidence " + o.path("filingEvidence").asString("?") + ", sent "
                + o.path("sentAt").asString("?")
                + (f.hasNonNull("ledgerIndex")
                        ? " (ledger entry #" + f.path("ledgerIndex").asLong() + ", notice.follow-up-sent)"
                        : ""));
        JsonNode gaps = f.path("provides");
        if (gaps.isEmpty()) {
            out.println("it gives the gaps the notice was sent with; they are not named here: the notice was kept"
                    + " as FORENSIC evidence, its gaps stay with its privileged notice.sent entry");
        } else {
            out.println("it gives the " + noticeGaps(gaps.size()) + " the notice was sent with:");
            gaps.forEach(g -> out.println("  - " + g.asString()));
        }
        if (o.isObject() && !o.hasNonNull("incident")) {
            o = ((tools.jackson.databind.node.ObjectNode) o.deepCopy()).put("incident", incident);
        }
        out.println("filed " + named(o) + " (" + o.path("citation").asString("Art. 33(4)") + ")");
    }

    /** What is left of a deadline in days, hours and minutes, or how long ago it passed. */
    static String timeLeft(Duration left) {
        if (left.isNegative()) return "none: passed " + span(left.negated()) + " ago";
        return span(left);
    }

    private static String span(Duration d) {
        long minutes = d.toMinutes();
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        List<String> parts = new ArrayList<>();
        if (days > 0) parts.add(count(days, "day", "days"));
        if (hours > 0) parts.add(count(hours, "hour", "hours"));
        if (days == 0 && (mins > 0 || parts.isEmpty())) parts.add(count(mins, "minute", "minutes"));
        return String.join(" ", parts);
    }

    /** True when an owed obligation's deadline has passed while it is required and pending ({@code missed}). */
    static boolean anyMissed(JsonNode answer) {
        for (JsonNode o : answer.path("obligations")) {
            if (o.path("missed").asBoolean()) return true;
        }
        return false;
    }

    /** {@code s} as an instant, or null when it is none. */
    static @Nullable Instant instant(@Nullable String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code text} on one line: each line break, with the blanks around it, one space. */
    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String entry(JsonNode n, String field) {
        return n.hasNonNull(field) ? " (ledger entry #" + n.path(field).asLong() + ")" : "";
    }

    private static void row(PrintWriter out, String label, String value) {
        if (value.isBlank()) return;
        out.println("  " + label + " ".repeat(Math.max(0, LABEL - label.length())) + value);
    }
}
