package dev.tandem.server.incident;

import dev.tandem.server.web.Times;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * Ledger entries in words, for people reading a timeline (docs/timeline.md): one sentence per entry
 * type, written from the entry's body as the reader sees it. A privileged entry the reader cannot
 * open is rendered from its commitment only ({@link #commitment}), never from what it commits to.
 * Plain Java: given the type, the body and the actor's name, it answers the sentence.
 */
public final class TimelineText {
    /** Every entry type this renderer knows: each ledger fact's {@code type()}. */
    public static final Set<String> TYPES = Set.of(
            "analysis.completed",
            "audit.period-set",
            "analysis.forensic-inputs",
            "backup.taken",
            "change.acknowledged",
            "change.decided",
            "change.executed",
            "change.processes-verified",
            "change.requested",
            "change.verified",
            "change.withdrawn",
            "checkpoint.verified",
            "control-tests.imported",
            "evidence.added",
            "evidence.damaged",
            "evidence.pulled-back",
            "evidence.read",
            "evidence-request.filed",
            "evidence-request.answered",
            "evidence-request.declined",
            "evidence-request.accepted",
            "evidence-request.reopened",
            "evidence-request.reminded",
            "leak.finding",
            "leak.timeline-entry",
            "grant.added",
            "grant.revoked",
            "incident.closed",
            "incident.contained",
            "incident.exported",
            "incident.facts-set",
            "incident.occurred-at-set",
            "incident.awareness-set",
            "incident.opened",
            "incident.phase-changed",
            "job.cancelled",
            "job.queued",
            "judgement.recorded",
            "member.added",
            "member.changed",
            "member.removed",
            "notice.edited",
            "notice.follow-up-sent",
            "notice.sent",
            "obligation.assigned",
            "obligation.reminded",
            "obligation.status-changed",
            "obligations.computed",
            "pii.findings.read",
            "pii.scanned",
            "scope.updated",
            "timeline.compared",
            "timeline.entry",
            "token.issued",
            "token.revoked",
            "user.created",
            "user.disabled",
            "user.password-changed",
            "user.sign-on-bound",
            "user.sign-on-released");

    private static final Map<String, String> NOTICES =
            Map.of("gdpr-art33", "GDPR Art. 33", "uk-gdpr-art33", "UK GDPR Art. 33");

    /** Display names of usernames (the username itself when unknown). */
    private final UnaryOperator<String> names;

    /** Where the entries' times are told; null: in UTC. */
    private final java.time.@org.jspecify.annotations.Nullable ZoneId zone;

    /**
     * The names of the FORENSIC items the reader may read, by evidence id (null for an item they may
     * not: it is named by its id, as its stub shows it).
     */
    private final java.util.function.Function<String, @org.jspecify.annotations.Nullable String> items;

    public TimelineText(UnaryOperator<String> names) {
        this(names, null);
    }

    /** Tells the entries' times in {@code zone}, the incident's, with its name and offset. */
    public TimelineText(UnaryOperator<String> names, java.time.@org.jspecify.annotations.Nullable ZoneId zone) {
        this(names, zone, id -> null);
    }

    /**
     * As {@link #TimelineText(UnaryOperator, java.time.ZoneId)}, naming a FORENSIC item a grant is for
     * by the name {@code items} gives: the reader's, for the items they may read (docs/access.md).
     */
    public TimelineText(
            UnaryOperator<String> names,
            java.time.@org.jspecify.annotations.Nullable ZoneId zone,
            java.util.function.Function<String, @org.jspecify.annotations.Nullable String> items) {
        this.names = names;
        this.zone = zone;
        this.items = items;
    }

    /**
     * A time of the entry's body told with its zone: "2026-11-26 09:00 CET (UTC+01:00)" in the
     * incident's zone, "2026-11-26 08:00 UTC" without one (docs/web.md); a value that is no time
     * (a due date) as recorded.
     */
    private String time(JsonNode b, String field) {
        String value = s(b, field);
        try {
            return Times.words(java.time.OffsetDateTime.parse(value).toInstant(), zone);
        } catch (java.time.format.DateTimeParseException e) {
            return value;
        }
    }

    /** A privileged entry the reader may not open: what the public ledger shows anyway. */
    public static String commitment(String hex) {
        return "Privileged entry recorded (commitment " + hex.substring(0, Math.min(12, hex.length())) + "…)";
    }

    /** The entry in words; {@code actor} is the username that recorded it. */
    public String render(String type, JsonNode b, String actor) {
        String who = names.apply(actor);
        return switch (type) {
            case "incident.opened" ->
                who + " opened the incident \"" + s(b, "title") + "\" with severity " + s(b, "severity")
                        + (b.path("awareAt").isString() ? ", aware since " + time(b, "awareAt") : "");
            case "incident.phase-changed" ->
                who + " moved the incident from phase " + s(b, "previous") + " to " + s(b, "phase");
            case "incident.contained" ->
                who + " declared the incident contained as of " + time(b, "at") + ": " + s(b, "text");
            case "incident.occurred-at-set" ->
                who + " set when the incident occurred: " + time(b, "occurredAt") + " (" + precision(s(b, "precision"))
                        + ")" + (b.path("previous").isString() ? ", was " + time(b, "previous") : "");
            case "incident.awareness-set" ->
                who + " set when the company became aware: " + time(b, "awareAt")
                        + (b.path("previous").isString() ? ", was " + time(b, "previous") : "") + ": " + s(b, "reason")
                        + dev.tandem.server.ledger.fact.IncidentAwarenessSet.movedLater(b, t -> Times.words(t, zone))
                                .map(w -> ". WARNING: " + w)
                                .orElse("");
            case "incident.closed" -> who + " closed the incident: " + s(b, "text");
            case "incident.facts-set" -> who + " set the incident's facts: " + facts(b);
            case "timeline.entry" -> entry(who, b);
            case "incident.exported" ->
                who + " exported the incident's bag at ledger tree size " + s(b, "treeSize") + " with "
                        + b.path("evidence").size() + " AUDIT evidence item"
                        + (b.path("evidence").size() == 1 ? "" : "s")
                        + (b.path("since").isNumber() ? ", proving consistency from size " + s(b, "since") : "")
                        + (b.path("entries").isObject()
                                ? "; the bag lists its "
                                        + b.path("entries").path("count").asLong() + " entries below"
                                        + " that size and the SHA-256 of its reports and OSCAL document"
                                : "");
            case "evidence-request.filed" ->
                who + " requested evidence " + s(b, "request") + ": \"" + s(b, "text") + "\""
                        + (b.path("due").isString() ? ", due " + time(b, "due") : "")
                        + (b.path("controls").isEmpty() ? "" : ", for " + list(b, "controls"));
            case "evidence-request.answered" ->
                who + " answered evidence request " + s(b, "request") + " with " + answered(b) + said(b);
            case "evidence-request.declined" -> who + " declined evidence request " + s(b, "request") + said(b);
            case "evidence-request.accepted" ->
                who + " accepted the answer to evidence request " + s(b, "request") + said(b);
            case "evidence-request.reopened" -> who + " reopened evidence request " + s(b, "request") + said(b);
            case "checkpoint.verified" ->
                who + " verified the ledger offline at tree size " + s(b, "treeSize") + " (root "
                        + b.path("rootHash")
                                .asString("")
                                .substring(
                                        0,
                                        Math.min(
                                                12,
                                                b.path("rootHash").asString("").length()))
                        + "…), consistent with the log when recorded";
            case "timeline.compared" ->
                who + " compared the timeline of " + s(b, "source") + " (" + s(b, "rows") + " rows) with this one: "
                        + s(b, "missingHere") + " of theirs missing here, " + s(b, "missingThere")
                        + " of ours missing there, " + s(b, "timeDiffers") + " with times that differ";
            case "audit.period-set" ->
                who + " set the audit's observation period to " + s(b, "start") + " to " + s(b, "end")
                        + (b.path("previous").isObject()
                                ? " (was " + b.path("previous").path("start").asString("") + " to "
                                        + b.path("previous").path("end").asString("") + ")"
                                : "");
            case "control-tests.imported" ->
                who + " imported the audit firm's control test register ("
                        + count(b.path("rows").asLong(), "row")
                        + ", " + count(b.path("controls").size(), "control") + ") as evidence " + s(b, "evidence")
                        + sha(b, "sha256");
            case "change.requested" ->
                who + " requested " + changeKind(b) + " change \"" + s(b, "title")
                        + "\" on " + s(b, "system") + " (" + list(b, "configItems") + ")"
                        + (b.path("controls").isEmpty() ? "" : ", affecting " + list(b, "controls"))
                        + (b.path("finding").isString() ? ", for finding " + s(b, "finding") : "")
                        + (b.path("emergencyApprovalWindow").isString()
                                ? "; to be approved within " + s(b, "emergencyApprovalWindow") + " of its execution"
                                : "");
            case "change.decided" ->
                who + (b.path("decision").asString("").equals("APPROVE") ? " approved" : " rejected") + " change "
                        + s(b, "change") + " as "
                        + s(b, "role").toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (b.path("comment").asString("").isEmpty() ? "" : ": " + s(b, "comment")) + " (now "
                        + s(b, "status") + ")"
                        + (b.path("liaisonAlone").asBoolean()
                                ? "; the audit liaison's approval completes it, the incident's only commander having"
                                        + " requested it"
                                : "")
                        + (b.path("approverExecuted").asBoolean()
                                ? "; " + who + " carried it out too: a segregation-of-duties observation (CC8.1)"
                                : "")
                        + (b.path("roleGivenAfterRequest").isObject()
                                ? "; "
                                        + b.path("roleGivenAfterRequest")
                                                .path("by")
                                                .asString() + " gave them the role"
                                        + " after the change was requested (entry "
                                        + b.path("roleGivenAfterRequest")
                                                .path("entry")
                                                .asLong()
                                        + "): a segregation-of-duties exception (CC8.1)"
                                : "");
            case "change.acknowledged" ->
                who + " acknowledged change " + s(b, "change") + " (an acknowledgement, not an approval)"
                        + (b.path("comment").asString("").isEmpty() ? "" : ": " + s(b, "comment"));
            case "change.executed" -> {
                long differences = 0;
                for (JsonNode d : b.path("diffs")) {
                    differences += d.path("differences").asLong();
                }
                String before = b.path("snapshotsBeforeApproval").isEmpty()
                        ? " as an emergency, before its approvals"
                        : " made before its approvals (post-change snapshot " + list(b, "snapshotsBeforeApproval")
                                + " received before the approval)";
                yield who + " executed change " + s(b, "change")
                        + (b.path("beforeApproval").asBoolean() ? before : "")
                        + (b.path("unapprovedItems").isEmpty()
                                ? ""
                                : ", beyond its approval: also changed " + list(b, "unapprovedItems"))
                        + ": " + count(differences, "difference") + " between the snapshots"
                        + (b.path("retests").asLong() > 0
                                ? ", " + count(b.path("retests").asLong(), "control test") + " to retest"
                                : "")
                        + (b.path("executorApproved").isEmpty()
                                ? ""
                                : "; " + who + " approved it too, as "
                                        + list(b, "executorApproved")
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', ' ')
                                        + ": a segregation-of-duties observation (CC8.1)");
            }
            case "change.withdrawn" -> who + " withdrew change " + s(b, "change") + ": " + s(b, "reason");
            case "change.verified" ->
                "Leak analysis of change " + s(b, "change") + "'s post-change snapshot: finding " + s(b, "finding")
                        + (b.path("closed").asBoolean() ? " is closed" : " is still open");
            case "change.processes-verified" ->
                who + " verified the business processes of change " + s(b, "change") + " after it ran: "
                        + list(b, "processes");
            case "evidence.added" ->
                who + " added " + s(b, "repository") + " evidence " + s(b, "name") + " ("
                        + bytes(b.path("size").asLong()) + ")"
                        + (b.hasNonNull("privilegeBasis") ? "; privilege basis: " + s(b, "privilegeBasis") : "");
            case "evidence.read" -> who + " read the content of evidence " + item(b) + sha(b, "sha256");
            case "evidence.pulled-back" ->
                who + " pulled evidence " + s(b, "evidence") + " back from AUDIT to FORENSIC: " + s(b, "reason")
                        + " (exposed before: " + count(b.path("reads").size(), "read") + ", "
                        + count(b.path("exports").size(), "export bag") + ")";
            case "evidence.damaged" ->
                "A read of evidence " + item(b) + " by " + who + " stopped: its stored bytes are not those"
                        + " recorded" + sha(b, "sha256");
            case "leak.finding" ->
                "Leak analysis found a " + s(b, "severity") + " finding: " + s(b, "title")
                        + (b.path("records").isNumber()
                                ? " (" + count(b.path("records").asLong(), "record") + ")"
                                : "");
            case "leak.timeline-entry" ->
                "Leak analysis timeline: " + time(b, "at") + " " + s(b, "kind") + " " + s(b, "subject") + ": "
                        + s(b, "text");
            case "analysis.completed" -> {
                long privileged = b.path("privilegedFindings").asLong();
                yield "Leak analysis found " + count(b.path("findings").asLong(), "finding")
                        + (privileged > 0 ? " (" + privileged + " privileged)" : "");
            }
            case "analysis.forensic-inputs" ->
                "Leak analysis read " + count(b.path("evidence").size(), "FORENSIC evidence item");
            case "job.queued" -> who + " queued a " + job(s(b, "kind")) + " (job " + s(b, "job") + ")";
            case "job.cancelled" ->
                who + " cancelled the " + job(s(b, "kind")) + " (job " + s(b, "job") + ", was " + s(b, "was") + ")";
            case "grant.added" -> who + " let " + user(b) + " read " + granted(b);
            case "grant.revoked" -> who + " revoked " + user(b) + "'s access to " + granted(b);
            case "member.added" -> who + " added " + user(b) + " as " + s(b, "role");
            case "member.changed" ->
                who + " changed " + user(b) + "'s role from " + s(b, "previous") + " to " + s(b, "role");
            case "member.removed" -> who + " removed " + user(b) + " (" + s(b, "previous") + ") from the incident";
            case "judgement.recorded" -> who + " recorded the judgement " + s(b, "question") + ": " + s(b, "answer");
            case "notice.edited" ->
                who + " edited the " + notice(b) + " notice (version " + s(b, "version") + ", "
                        + count(b.path("characters").asLong(), "character") + ")";
            case "notice.sent" ->
                notice(b) + " notice sent as evidence " + item(b) + sha(b, "sha256") + " for "
                        + s(b, "jurisdiction") + " by " + who
                        + (b.path("incomplete").isEmpty()
                                ? ""
                                : ", incomplete (" + count(b.path("incomplete").size(), "gap") + ")");
            case "notice.follow-up-sent" ->
                notice(b) + " notice's follow-up (Art. 33(4)) sent as evidence " + item(b) + sha(b, "sha256") + " for "
                        + s(b, "jurisdiction") + " by " + who
                        + (b.path("provides").isEmpty()
                                ? ""
                                : ", giving " + count(b.path("provides").size(), "gap") + " it left");
            case "obligation.assigned" ->
                b.path("owner").isString()
                        ? who + " assigned obligation " + s(b, "rule") + " to " + names.apply(s(b, "owner"))
                        : who + " unassigned obligation " + s(b, "rule");
            case "evidence-request.reminded" ->
                "Reminder sent: evidence request " + s(b, "request") + " is due " + s(b, "dueOn") + " (end of the day: "
                        + time(b, "due") + ")";
            case "obligation.reminded" ->
                "Reminder sent: obligation " + s(b, "rule") + " (" + s(b, "jurisdiction") + ", to " + s(b, "recipient")
                        + ") is due " + time(b, "due");
            case "obligation.status-changed" ->
                who + " changed obligation " + s(b, "rule") + " (" + s(b, "jurisdiction") + ") from " + s(b, "from")
                        + " to " + s(b, "to")
                        + (b.path("evidence").isString() ? " with evidence " + s(b, "evidence") : "");
            case "obligations.computed" ->
                "Obligations computed: " + b.path("added").size() + " added, "
                        + b.path("changed").size()
                        + " changed, " + b.path("superseded").size() + " superseded, "
                        + b.path("unchanged").asLong() + " unchanged";
            case "pii.findings.read" -> who + " read the PII findings of evidence " + item(b);
            case "pii.scanned" ->
                "PII scan of evidence " + item(b) + " found "
                        + count(b.path("findings").asLong(), "finding")
                        + " about " + count(b.path("people").asLong(), "person", "people")
                        + (b.path("subjects").asString("").isEmpty() ? "" : " (" + s(b, "subjects") + ")");
            case "scope.updated" -> who + " set the scope: " + scope(b);
            case "backup.taken" ->
                who + " took a backup of the installation at ledger size " + s(b, "treeSize")
                        + (b.path("signingKey").asBoolean() ? " (it holds the ledger's signing key)" : "")
                        + ": every incident's evidence, FORENSIC included";
            case "token.issued" -> who + " issued the token \"" + s(b, "label") + "\" to " + user(b);
            case "token.revoked" ->
                who + " revoked " + user(b) + "'s token \"" + s(b, "label") + "\" (" + s(b, "reason") + ")";
            case "user.created" ->
                who + " created the " + (b.path("admin").asBoolean() ? "administrator " : "user ") + user(b);
            case "user.disabled" -> who + " disabled the user " + user(b);
            case "user.password-changed" -> who + " changed the password of " + user(b);
            case "user.sign-on-bound" ->
                user(b) + " signed in through " + s(b, "issuer") + " for the first time; the account now follows"
                        + " that identity (subject " + s(b, "subject") + ")";
            case "user.sign-on-released" -> who + " released the single sign-on identities of " + user(b);
            default -> who + " recorded " + type;
        };
    }

    private String entry(String who, JsonNode b) {
        String text = s(b, "text");
        String said = switch (s(b, "kind")) {
            case "NOTE" -> who + " noted: " + text;
            case "DECISION" -> who + " decided: " + text;
            case "EXTERNAL_EVENT" -> who + " recorded an external event: " + text;
            case "CORRECTION" -> who + " corrected entry " + s(b, "corrects") + ": " + text;
            default -> who + " added a " + s(b, "kind") + " entry: " + text;
        };
        List<String> times = new ArrayList<>();
        if (b.path("eventAt").isString()) {
            times.add("happened " + time(b, "eventAt") + " (" + precision(s(b, "eventPrecision")) + ")");
        }
        if (b.path("discoveredAt").isString()) {
            times.add("discovered " + time(b, "discoveredAt"));
        }
        return times.isEmpty() ? said : said + " [" + String.join(", ", times) + "]";
    }

    /** "an emergency isolation", "a configuration", "an access restriction". */
    private static String changeKind(JsonNode b) {
        String kind = (b.path("emergency").asBoolean() ? "emergency " : "")
                + s(b, "kind").toLowerCase(Locale.ROOT).replace('_', ' ');
        return ("aeiou".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }

    /**
     * What an answer linked: its AUDIT items, changes and ledger entries, each kind named only when
     * linked (an answer of items only reads as it always did).
     */
    private static String answered(JsonNode b) {
        List<String> parts = new ArrayList<>();
        if (!b.path("evidence").isEmpty()
                || (b.path("changes").isEmpty() && b.path("entries").isEmpty())) {
            parts.add(count(b.path("evidence").size(), "AUDIT evidence item") + " (" + list(b, "evidence") + ")");
        }
        if (!b.path("changes").isEmpty()) {
            parts.add(count(b.path("changes").size(), "change") + " (" + list(b, "changes") + ")");
        }
        if (!b.path("entries").isEmpty()) {
            List<String> cited = new ArrayList<>();
            b.path("entries").forEach(v -> cited.add("#" + v.asLong()));
            parts.add(count(b.path("entries").size(), "ledger entry", "ledger entries") + " ("
                    + String.join(", ", cited) + ")");
        }
        return String.join(", ", parts);
    }

    private static String list(JsonNode b, String field) {
        List<String> out = new ArrayList<>();
        b.path(field).forEach(v -> out.add(v.asString()));
        return String.join(", ", out);
    }

    private String user(JsonNode b) {
        return names.apply(s(b, "username"));
    }

    /**
     * The evidence an entry names: by name to a reader who may read that FORENSIC item, else by id
     * (as its stub, or the AUDIT item's page, shows it).
     */
    private String item(JsonNode b) {
        String id = s(b, "evidence");
        String name = items.apply(id);
        return name == null ? id : name;
    }

    /** The FORENSIC item a grant is for: by name to a reader who may read it, else by id. */
    private String granted(JsonNode b) {
        if (!b.path("evidence").isString()) {
            return "every FORENSIC item";
        }
        String id = s(b, "evidence");
        String name = items.apply(id);
        return "FORENSIC item " + (name == null ? id : name);
    }

    private static String notice(JsonNode b) {
        String n = s(b, "notice");
        return NOTICES.getOrDefault(n, n.toUpperCase(Locale.ROOT));
    }

    private static String job(String kind) {
        return switch (kind) {
            case "PII_SCAN" -> "PII scan";
            case "LEAK_ANALYSIS" -> "leak analysis";
            default -> kind.toLowerCase(Locale.ROOT).replace('_', ' ') + " job";
        };
    }

    private static String scope(JsonNode b) {
        long people = 0;
        List<String> where = new ArrayList<>();
        for (var e : b.path("subjects").properties()) {
            people += e.getValue().asLong();
            where.add(e.getKey() + "=" + e.getValue().asLong());
        }
        List<String> data = new ArrayList<>();
        b.path("data").forEach(d -> data.add(d.asString()));
        return count(people, "person", "people")
                + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")")
                + (data.isEmpty() ? "" : ", data " + String.join(", ", data))
                + (b.path("encrypted").asBoolean() ? ", encrypted" : "");
    }

    /** The facts that move legal clocks, as set: the determination time and the cause. */
    private String facts(JsonNode b) {
        return (b.path("determinedAt").isString()
                        ? "breach determined at " + time(b, "determinedAt")
                        : "breach not yet determined")
                + ", " + (b.path("unauthorizedAccess").asBoolean() ? "caused" : "not caused")
                + " by an outsider's unauthorized access";
    }

    private static String precision(String p) {
        return switch (p) {
            case "MINUTE" -> "to the minute";
            case "HOUR" -> "to the hour";
            case "DAY" -> "to the day";
            default -> "exact";
        };
    }

    private static String sha(JsonNode b, String field) {
        String h = b.path(field).asString("");
        return h.isEmpty() ? "" : " (SHA-256 " + h.substring(0, Math.min(12, h.length())) + "…)";
    }

    private static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "byte" : "bytes");
    }

    private static String count(long n, String one) {
        return count(n, one, one + "s");
    }

    private static String count(long n, String one, String many) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }

    /** An entry's text, after a colon, when there is one. */
    private static String said(JsonNode b) {
        String t = b.path("text").asString("");
        return t.isEmpty() ? "" : ": " + t;
    }

    private static String s(JsonNode b, String field) {
        JsonNode v = b.path(field);
        return v.isMissingNode() || v.isNull() ? "?" : v.asString();
    }
}
